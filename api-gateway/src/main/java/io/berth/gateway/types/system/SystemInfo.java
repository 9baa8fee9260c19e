package io.berth.gateway.types.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of Docker Engine API 1.41 {@code GET /info} (swagger SystemInfo), fields in the order dockerd
 * writes them; built by {@link SystemInfoMapper}, which documents where each value comes from.
 *
 * @param id ID, stable per host name and data root
 * @param containers Containers
 * @param containersRunning ContainersRunning
 * @param containersPaused ContainersPaused
 * @param containersStopped ContainersStopped
 * @param images Images
 * @param driver Driver ("overlay2" or "vfs")
 * @param driverStatus DriverStatus, [key, value] pairs
 * @param plugins Plugins
 * @param memoryLimit MemoryLimit
 * @param swapLimit SwapLimit
 * @param kernelMemory KernelMemory
 * @param kernelMemoryTcp KernelMemoryTCP
 * @param cpuCfsPeriod CpuCfsPeriod
 * @param cpuCfsQuota CpuCfsQuota
 * @param cpuShares CPUShares
 * @param cpuSet CPUSet
 * @param pidsLimit PidsLimit
 * @param ipv4Forwarding IPv4Forwarding
 * @param bridgeNfIptables BridgeNfIptables
 * @param bridgeNfIp6tables BridgeNfIp6tables
 * @param oomKillDisable OomKillDisable
 * @param debug Debug
 * @param nfd NFd
 * @param ngoroutines NGoroutines
 * @param systemTime SystemTime, RFC 3339 with nanoseconds
 * @param loggingDriver LoggingDriver
 * @param cgroupDriver CgroupDriver
 * @param cgroupVersion CgroupVersion ("1" or "2")
 * @param neventsListener NEventsListener
 * @param kernelVersion KernelVersion
 * @param operatingSystem OperatingSystem
 * @param osVersion OSVersion
 * @param osType OSType ("linux")
 * @param architecture Architecture ({@code uname -m})
 * @param indexServerAddress IndexServerAddress
 * @param registryConfig RegistryConfig
 * @param ncpu NCPU
 * @param memTotal MemTotal, bytes
 * @param genericResources GenericResources (null: none)
 * @param dockerRootDir DockerRootDir
 * @param httpProxy HttpProxy
 * @param httpsProxy HttpsProxy
 * @param noProxy NoProxy
 * @param name Name, the host name
 * @param labels Labels
 * @param experimentalBuild ExperimentalBuild
 * @param serverVersion ServerVersion
 * @param runtimes Runtimes, by name
 * @param defaultRuntime DefaultRuntime
 * @param swarm Swarm
 * @param liveRestoreEnabled LiveRestoreEnabled
 * @param isolation Isolation
 * @param initBinary InitBinary
 * @param containerdCommit ContainerdCommit
 * @param runcCommit RuncCommit
 * @param initCommit InitCommit
 * @param securityOptions SecurityOptions
 * @param warnings Warnings, dockerd's texts for what the host lacks
 */
public record SystemInfo(
        @JsonProperty("ID") String id,
        @JsonProperty("Containers") int containers,
        @JsonProperty("ContainersRunning") int containersRunning,
        @JsonProperty("ContainersPaused") int containersPaused,
        @JsonProperty("ContainersStopped") int containersStopped,
        @JsonProperty("Images") int images,
        @JsonProperty("Driver") String driver,
        @JsonProperty("DriverStatus") List<List<String>> driverStatus,
        @JsonProperty("Plugins") PluginsInfo plugins,
        @JsonProperty("MemoryLimit") boolean memoryLimit,
        @JsonProperty("SwapLimit") boolean swapLimit,
        @JsonProperty("KernelMemory") boolean kernelMemory,
        @JsonProperty("KernelMemoryTCP") boolean kernelMemoryTcp,
        @JsonProperty("CpuCfsPeriod") boolean cpuCfsPeriod,
        @JsonProperty("CpuCfsQuota") boolean cpuCfsQuota,
        @JsonProperty("CPUShares") boolean cpuShares,
        @JsonProperty("CPUSet") boolean cpuSet,
        @JsonProperty("PidsLimit") boolean pidsLimit,
        @JsonProperty("IPv4Forwarding") boolean ipv4Forwarding,
        @JsonProperty("BridgeNfIptables") boolean bridgeNfIptables,
        @JsonProperty("BridgeNfIp6tables") boolean bridgeNfIp6tables,
        @JsonProperty("OomKillDisable") boolean oomKillDisable,
        @JsonProperty("Debug") boolean debug,
        @JsonProperty("NFd") int nfd,
        @JsonProperty("NGoroutines") int ngoroutines,
        @JsonProperty("SystemTime") String systemTime,
        @JsonProperty("LoggingDriver") String loggingDriver,
        @JsonProperty("CgroupDriver") String cgroupDriver,
        @JsonProperty("CgroupVersion") String cgroupVersion,
        @JsonProperty("NEventsListener") int neventsListener,
        @JsonProperty("KernelVersion") String kernelVersion,
        @JsonProperty("OperatingSystem") String operatingSystem,
        @JsonProperty("OSVersion") String osVersion,
        @JsonProperty("OSType") String osType,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("IndexServerAddress") String indexServerAddress,
        @JsonProperty("RegistryConfig") RegistryServiceConfig registryConfig,
        @JsonProperty("NCPU") int ncpu,
        @JsonProperty("MemTotal") long memTotal,
        @JsonProperty("GenericResources") List<Object> genericResources,
        @JsonProperty("DockerRootDir") String dockerRootDir,
        @JsonProperty("HttpProxy") String httpProxy,
        @JsonProperty("HttpsProxy") String httpsProxy,
        @JsonProperty("NoProxy") String noProxy,
        @JsonProperty("Name") String name,
        @JsonProperty("Labels") List<String> labels,
        @JsonProperty("ExperimentalBuild") boolean experimentalBuild,
        @JsonProperty("ServerVersion") String serverVersion,
        @JsonProperty("Runtimes") Map<String, Runtime> runtimes,
        @JsonProperty("DefaultRuntime") String defaultRuntime,
        @JsonProperty("Swarm") SwarmInfo swarm,
        @JsonProperty("LiveRestoreEnabled") boolean liveRestoreEnabled,
        @JsonProperty("Isolation") String isolation,
        @JsonProperty("InitBinary") String initBinary,
        @JsonProperty("ContainerdCommit") Commit containerdCommit,
        @JsonProperty("RuncCommit") Commit runcCommit,
        @JsonProperty("InitCommit") Commit initCommit,
        @JsonProperty("SecurityOptions") List<String> securityOptions,
        @JsonProperty("Warnings") List<String> warnings) {

    /**
     * One entry of SystemInfo.Runtimes (swagger Runtime). Nested so that it does not shadow
     * {@link java.lang.Runtime} in this package.
     *
     * @param path the runtime's executable ("runc")
     */
    public record Runtime(@JsonProperty("path") String path) {
    }
}
