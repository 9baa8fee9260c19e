package io.berth.gateway.host;

import io.berth.common.cgroup.CgroupSupport;
import java.util.List;

/**
 * What the gateway measured about the host and about itself at one moment, for Docker Engine API 1.41
 * {@code GET /info} and {@code GET /version}; gathered by {@link SystemFactsProbe}.
 *
 * @param hostname the kernel's host name (Name)
 * @param kernelVersion the kernel release, what {@code uname -r} prints (KernelVersion)
 * @param operatingSystem os-release PRETTY_NAME (OperatingSystem)
 * @param memTotalBytes total memory in bytes (MemTotal)
 * @param ncpu CPUs this process may use (NCPU)
 * @param cgroupVersion "1" or "2" (CgroupVersion)
 * @param goArch the architecture in Go's terms, "amd64" (Version's Arch)
 * @param machine the architecture as {@code uname -m} prints it, "x86_64" (Info's Architecture)
 * @param cgroups the cgroup controls on offer (MemoryLimit, SwapLimit, ...)
 * @param sysctls IPv4Forwarding, BridgeNfIptables, BridgeNfIp6tables
 * @param openFileDescriptors the gateway's open file descriptors, -1 if unknown (NFd)
 * @param threads the gateway's live threads, daemon threads included: Java's nearest thing to goroutines
 *     (NGoroutines)
 * @param debug the gateway runs with {@code --debug}, as under {@code berthd -D} (Debug)
 * @param loggingDriver the daemon's default log driver, berthd's {@code --log-driver} (LoggingDriver)
 * @param eventsListeners {@code GET /events} streams open now (NEventsListener)
 * @param apiWarnings dockerd's warnings about how the API is exposed (plain or unverified TCP), first in
 *     {@code Warnings}
 */
public record SystemFacts(String hostname, String kernelVersion, String operatingSystem, long memTotalBytes,
                          int ncpu, String cgroupVersion, String goArch, String machine, CgroupSupport cgroups,
                          NetworkSysctls sysctls, int openFileDescriptors, int threads, boolean debug,
                          String loggingDriver,
                          int eventsListeners, List<String> apiWarnings) {
}
