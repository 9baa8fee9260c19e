package io.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Docker's "HostConfig" (Engine API 1.41), the parts berth implements, with Docker's JSON names (they are
 * persisted in config.v2.json; a record written before a field existed loads with its zero value). What
 * each field does to the runtime spec is in {@link io.berth.engine.runtime.RuntimeSpecBuilder}; create
 * checks them with {@link io.berth.engine.service.HostConfigValidator}. Build one with {@link #builder()}.
 *
 * @param autoRemove remove the container when it exits ({@code docker run --rm})
 * @param networkMode "none", "default", "bridge" (own network namespace, loopback only) or "host"
 * @param restartPolicy "" or "no" (the others are refused at create for now)
 * @param restartMaxRetries maximum retries for "on-failure"
 * @param logDriver "" or "json-file"
 * @param logOptions options of the log driver
 * @param memory memory limit in bytes (0 = none)
 * @param cpuShares relative CPU weight (0 = default)
 * @param pidsLimit maximum number of processes (0 = none)
 * @param binds "/host:/container[:options]" bind mounts ({@link BindSpec})
 * @param privileged all capabilities, no masked or read-only paths, every device allowed
 * @param readonlyRootfs mount the root filesystem read-only
 * @param mounts Docker's Mounts of type bind and tmpfs
 * @param tmpfs container path → tmpfs options ("size=64m")
 * @param capAdd capabilities to add ("NET_ADMIN", "CAP_NET_ADMIN", "ALL")
 * @param capDrop capabilities to drop
 * @param nanoCpus CPU limit in 1e-9 CPUs (0 = none)
 * @param cpuQuota CFS quota in microseconds per period (0 = none)
 * @param cpuPeriod CFS period in microseconds (0 = the default, 100000)
 * @param cpusetCpus CPUs allowed ("0-2,4"; "" = all)
 * @param cpusetMems memory nodes allowed ("" = all)
 * @param ulimits resource limits of the process
 * @param dns nameservers of the container's resolv.conf ([] = the host's)
 * @param dnsSearch search domains ([] = the host's)
 * @param dnsOptions resolver options ([] = the host's)
 * @param extraHosts extra /etc/hosts entries "name:IP"
 */
public record HostConfig(
        @JsonProperty("AutoRemove") boolean autoRemove,
        @JsonProperty("NetworkMode") String networkMode,
        @JsonProperty("RestartPolicy") String restartPolicy,
        @JsonProperty("RestartMaxRetries") int restartMaxRetries,
        @JsonProperty("LogDriver") String logDriver,
        @JsonProperty("LogOptions") Map<String, String> logOptions,
        @JsonProperty("Memory") long memory,
        @JsonProperty("CpuShares") long cpuShares,
        @JsonProperty("PidsLimit") long pidsLimit,
        @JsonProperty("Binds") List<String> binds,
        @JsonProperty("Privileged") boolean privileged,
        @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
        @JsonProperty("Mounts") List<MountSpec> mounts,
        @JsonProperty("Tmpfs") Map<String, String> tmpfs,
        @JsonProperty("CapAdd") List<String> capAdd,
        @JsonProperty("CapDrop") List<String> capDrop,
        @JsonProperty("NanoCpus") long nanoCpus,
        @JsonProperty("CpuQuota") long cpuQuota,
        @JsonProperty("CpuPeriod") long cpuPeriod,
        @JsonProperty("CpusetCpus") String cpusetCpus,
        @JsonProperty("CpusetMems") String cpusetMems,
        @JsonProperty("Ulimits") List<Ulimit> ulimits,
        @JsonProperty("Dns") List<String> dns,
        @JsonProperty("DnsSearch") List<String> dnsSearch,
        @JsonProperty("DnsOptions") List<String> dnsOptions,
        @JsonProperty("ExtraHosts") List<String> extraHosts) {

    /**
     * One resource limit (OCI config.md process.rlimits).
     *
     * @param name "nofile", "nproc", ... (the spec's type is RLIMIT_ + the name in upper case)
     * @param soft soft limit
     * @param hard hard limit
     */
    public record Ulimit(@JsonProperty("Name") String name, @JsonProperty("Soft") long soft,
                         @JsonProperty("Hard") long hard) {
    }

    /** Normalizes nulls to empty values and copies the collections. */
    public HostConfig {
        networkMode = networkMode == null ? "" : networkMode;
        restartPolicy = restartPolicy == null ? "" : restartPolicy;
        logDriver = logDriver == null ? "" : logDriver;
        logOptions = logOptions == null ? Map.of() : Map.copyOf(logOptions);
        binds = copy(binds);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        tmpfs = tmpfs == null ? Map.of() : Map.copyOf(tmpfs);
        capAdd = copy(capAdd);
        capDrop = copy(capDrop);
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
        cpusetMems = cpusetMems == null ? "" : cpusetMems;
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
        dns = copy(dns);
        dnsSearch = copy(dnsSearch);
        dnsOptions = copy(dnsOptions);
        extraHosts = copy(extraHosts);
    }

    private static List<String> copy(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** @return Docker's defaults: no auto-remove, network "default", no limits */
    public static HostConfig defaults() {
        return builder().build();
    }

    /** @return a builder starting from {@link #defaults()} */
    public static HostConfigBuilder builder() {
        return new HostConfigBuilder();
    }

    /** @return a builder starting from this config */
    public HostConfigBuilder toBuilder() {
        return new HostConfigBuilder(this);
    }

    /**
     * @param autoRemove the new value
     * @return a copy with AutoRemove changed
     */
    public HostConfig withAutoRemove(boolean autoRemove) {
        return toBuilder().autoRemove(autoRemove).build();
    }

    /** @return true for NetworkMode "host" (the host's network namespace) */
    public boolean isHostNetwork() {
        return "host".equals(networkMode);
    }
}
