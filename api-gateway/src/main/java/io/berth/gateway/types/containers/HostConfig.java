package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The {@code HostConfig} of Docker Engine API 1.41 container inspect (swagger HostConfig with its
 * Resources), in dockerd's field order. What berth implements comes from the engine's host config
 * ({@link ContainerInspectMapper}); what it does not implement yet shows dockerd's defaults (no port
 * bindings, no devices, private IPC, 64 MiB /dev/shm, runc). Null components are written as {@code null},
 * except Tmpfs and Mounts, which dockerd leaves out when empty.
 *
 * @param binds Binds
 * @param containerIdFile ContainerIDFile
 * @param logConfig LogConfig
 * @param networkMode NetworkMode
 * @param portBindings PortBindings
 * @param restartPolicy RestartPolicy
 * @param autoRemove AutoRemove
 * @param volumeDriver VolumeDriver
 * @param volumesFrom VolumesFrom
 * @param capAdd CapAdd
 * @param capDrop CapDrop
 * @param cgroupnsMode CgroupnsMode
 * @param dns Dns
 * @param dnsOptions DnsOptions
 * @param dnsSearch DnsSearch
 * @param extraHosts ExtraHosts
 * @param groupAdd GroupAdd
 * @param ipcMode IpcMode
 * @param cgroup Cgroup
 * @param links Links: "/<child>:/<parent>/<alias>" per legacy link (the engine resolves them), null when none
 * @param oomScoreAdj OomScoreAdj
 * @param pidMode PidMode
 * @param privileged Privileged
 * @param publishAllPorts PublishAllPorts
 * @param readonlyRootfs ReadonlyRootfs
 * @param securityOpt SecurityOpt
 * @param tmpfs Tmpfs: container path → options (omitted when null)
 * @param utsMode UTSMode
 * @param usernsMode UsernsMode
 * @param shmSize ShmSize in bytes
 * @param runtime Runtime
 * @param consoleSize ConsoleSize [height, width] (Go's [2]uint; [0, 0] when the client sent none)
 * @param isolation Isolation
 * @param cpuShares CpuShares
 * @param memory Memory in bytes
 * @param nanoCpus NanoCpus
 * @param cgroupParent CgroupParent
 * @param blkioWeight BlkioWeight
 * @param blkioWeightDevice BlkioWeightDevice
 * @param blkioDeviceReadBps BlkioDeviceReadBps
 * @param blkioDeviceWriteBps BlkioDeviceWriteBps
 * @param blkioDeviceReadIOps BlkioDeviceReadIOps
 * @param blkioDeviceWriteIOps BlkioDeviceWriteIOps
 * @param cpuPeriod CpuPeriod in microseconds
 * @param cpuQuota CpuQuota in microseconds
 * @param cpuRealtimePeriod CpuRealtimePeriod
 * @param cpuRealtimeRuntime CpuRealtimeRuntime
 * @param cpusetCpus CpusetCpus
 * @param cpusetMems CpusetMems
 * @param devices Devices
 * @param deviceCgroupRules DeviceCgroupRules
 * @param deviceRequests DeviceRequests
 * @param kernelMemory KernelMemory
 * @param kernelMemoryTcp KernelMemoryTCP
 * @param memoryReservation MemoryReservation
 * @param memorySwap MemorySwap
 * @param memorySwappiness MemorySwappiness
 * @param oomKillDisable OomKillDisable
 * @param pidsLimit PidsLimit (null: unlimited)
 * @param ulimits Ulimits
 * @param cpuCount CpuCount
 * @param cpuPercent CpuPercent
 * @param ioMaximumIOps IOMaximumIOps
 * @param ioMaximumBandwidth IOMaximumBandwidth
 * @param mounts Mounts (omitted when null)
 * @param sysctls Sysctls (omitted when null: none set, Go's omitempty)
 * @param init Init (omitted when null: not set at create, Go's {@code *bool} with omitempty)
 */
public record HostConfig(
        @JsonProperty("Binds") List<String> binds,
        @JsonProperty("ContainerIDFile") String containerIdFile,
        @JsonProperty("LogConfig") LogConfig logConfig,
        @JsonProperty("NetworkMode") String networkMode,
        @JsonProperty("PortBindings") Map<String, Object> portBindings,
        @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
        @JsonProperty("AutoRemove") boolean autoRemove,
        @JsonProperty("VolumeDriver") String volumeDriver,
        @JsonProperty("VolumesFrom") List<String> volumesFrom,
        @JsonProperty("CapAdd") List<String> capAdd,
        @JsonProperty("CapDrop") List<String> capDrop,
        @JsonProperty("CgroupnsMode") String cgroupnsMode,
        @JsonProperty("Dns") List<String> dns,
        @JsonProperty("DnsOptions") List<String> dnsOptions,
        @JsonProperty("DnsSearch") List<String> dnsSearch,
        @JsonProperty("ExtraHosts") List<String> extraHosts,
        @JsonProperty("GroupAdd") List<String> groupAdd,
        @JsonProperty("IpcMode") String ipcMode,
        @JsonProperty("Cgroup") String cgroup,
        @JsonProperty("Links") List<String> links,
        @JsonProperty("OomScoreAdj") int oomScoreAdj,
        @JsonProperty("PidMode") String pidMode,
        @JsonProperty("Privileged") boolean privileged,
        @JsonProperty("PublishAllPorts") boolean publishAllPorts,
        @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
        @JsonProperty("SecurityOpt") List<String> securityOpt,
        @JsonProperty("Tmpfs") @JsonInclude(Include.NON_NULL) Map<String, String> tmpfs,
        @JsonProperty("UTSMode") String utsMode,
        @JsonProperty("UsernsMode") String usernsMode,
        @JsonProperty("ShmSize") long shmSize,
        @JsonProperty("Runtime") String runtime,
        @JsonProperty("ConsoleSize") List<BigInteger> consoleSize,
        @JsonProperty("Isolation") String isolation,
        @JsonProperty("CpuShares") long cpuShares,
        @JsonProperty("Memory") long memory,
        @JsonProperty("NanoCpus") long nanoCpus,
        @JsonProperty("CgroupParent") String cgroupParent,
        @JsonProperty("BlkioWeight") int blkioWeight,
        @JsonProperty("BlkioWeightDevice") List<Object> blkioWeightDevice,
        @JsonProperty("BlkioDeviceReadBps") List<Object> blkioDeviceReadBps,
        @JsonProperty("BlkioDeviceWriteBps") List<Object> blkioDeviceWriteBps,
        @JsonProperty("BlkioDeviceReadIOps") List<Object> blkioDeviceReadIOps,
        @JsonProperty("BlkioDeviceWriteIOps") List<Object> blkioDeviceWriteIOps,
        @JsonProperty("CpuPeriod") long cpuPeriod,
        @JsonProperty("CpuQuota") long cpuQuota,
        @JsonProperty("CpuRealtimePeriod") long cpuRealtimePeriod,
        @JsonProperty("CpuRealtimeRuntime") long cpuRealtimeRuntime,
        @JsonProperty("CpusetCpus") String cpusetCpus,
        @JsonProperty("CpusetMems") String cpusetMems,
        @JsonProperty("Devices") List<Object> devices,
        @JsonProperty("DeviceCgroupRules") List<String> deviceCgroupRules,
        @JsonProperty("DeviceRequests") List<Object> deviceRequests,
        @JsonProperty("KernelMemory") long kernelMemory,
        @JsonProperty("KernelMemoryTCP") long kernelMemoryTcp,
        @JsonProperty("MemoryReservation") long memoryReservation,
        @JsonProperty("MemorySwap") long memorySwap,
        @JsonProperty("MemorySwappiness") Long memorySwappiness,
        @JsonProperty("OomKillDisable") boolean oomKillDisable,
        @JsonProperty("PidsLimit") Long pidsLimit,
        @JsonProperty("Ulimits") List<Ulimit> ulimits,
        @JsonProperty("CpuCount") long cpuCount,
        @JsonProperty("CpuPercent") long cpuPercent,
        @JsonProperty("IOMaximumIOps") long ioMaximumIOps,
        @JsonProperty("IOMaximumBandwidth") long ioMaximumBandwidth,
        @JsonProperty("Mounts") @JsonInclude(Include.NON_NULL) List<Mount> mounts,
        @JsonProperty("Sysctls") @JsonInclude(Include.NON_NULL) Map<String, String> sysctls,
        @JsonProperty("Init") @JsonInclude(Include.NON_NULL) Boolean init) {

    /**
     * Swagger {@code HostConfig.LogConfig}.
     *
     * @param type Type: the log driver ("json-file")
     * @param config Config: the driver's options, sorted by key
     */
    public record LogConfig(@JsonProperty("Type") String type, @JsonProperty("Config") Map<String, String> config) {
    }

    /**
     * Swagger {@code RestartPolicy}.
     *
     * @param name Name ("no")
     * @param maximumRetryCount MaximumRetryCount
     */
    public record RestartPolicy(@JsonProperty("Name") String name,
                                @JsonProperty("MaximumRetryCount") int maximumRetryCount) {
    }

    /**
     * One entry of swagger {@code Resources.Ulimits}.
     *
     * @param name Name ("nofile")
     * @param hard Hard
     * @param soft Soft
     */
    public record Ulimit(@JsonProperty("Name") String name, @JsonProperty("Hard") long hard,
                         @JsonProperty("Soft") long soft) {
    }

    /**
     * Swagger {@code Mount}, with Go's omitempty: only Type and Target are always written.
     *
     * @param type Type ("bind", "tmpfs")
     * @param source Source (omitted when null)
     * @param target Target
     * @param readOnly ReadOnly (omitted when null)
     * @param bindOptions BindOptions (omitted when null)
     * @param tmpfsOptions TmpfsOptions (omitted when null)
     */
    @JsonInclude(Include.NON_NULL)
    public record Mount(@JsonProperty("Type") String type,
                        @JsonProperty("Source") String source,
                        @JsonProperty("Target") String target,
                        @JsonProperty("ReadOnly") Boolean readOnly,
                        @JsonProperty("BindOptions") BindOptions bindOptions,
                        @JsonProperty("TmpfsOptions") TmpfsOptions tmpfsOptions) {
    }

    /**
     * Swagger {@code Mount.BindOptions}, null components omitted.
     *
     * @param propagation Propagation
     * @param nonRecursive NonRecursive
     */
    @JsonInclude(Include.NON_NULL)
    public record BindOptions(@JsonProperty("Propagation") String propagation,
                              @JsonProperty("NonRecursive") Boolean nonRecursive) {
    }

    /**
     * Swagger {@code Mount.TmpfsOptions}, null components omitted.
     *
     * @param sizeBytes SizeBytes
     * @param mode Mode (permission bits)
     */
    @JsonInclude(Include.NON_NULL)
    public record TmpfsOptions(@JsonProperty("SizeBytes") Long sizeBytes, @JsonProperty("Mode") Integer mode) {
    }
}
