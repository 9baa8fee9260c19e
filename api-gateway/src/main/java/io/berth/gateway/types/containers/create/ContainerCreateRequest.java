package io.berth.gateway.types.containers.create;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The body of Docker Engine API 1.41 {@code POST /containers/create} (swagger ContainerCreateRequest: the
 * ContainerConfig fields plus {@code HostConfig}; NetworkingConfig is not read yet), bound by
 * {@link ContainerCreateBinding} with dockerd's tolerance: every component may be null (missing or JSON
 * null), meaning its zero value. Only the fields berth reads are here; the others are ignored, as
 * dockerd ignores unknown fields.
 *
 * @param hostname Hostname
 * @param domainname Domainname
 * @param user User
 * @param attachStdin AttachStdin
 * @param attachStdout AttachStdout
 * @param attachStderr AttachStderr
 * @param exposedPorts ExposedPorts: "80/tcp" → {}
 * @param tty Tty
 * @param openStdin OpenStdin
 * @param stdinOnce StdinOnce
 * @param env Env: "KEY=value"
 * @param cmd Cmd: an array or a single string; null or empty means the image's
 * @param image Image
 * @param volumes Volumes: path → {}
 * @param workingDir WorkingDir
 * @param entrypoint Entrypoint: an array or a single string; null means the image's, [] or [""] none
 * @param networkDisabled NetworkDisabled
 * @param labels Labels
 * @param stopSignal StopSignal
 * @param stopTimeout StopTimeout in seconds (null: the default)
 * @param healthcheck Healthcheck (null: the image's)
 * @param hostConfig HostConfig
 */
public record ContainerCreateRequest(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("Domainname") String domainname,
        @JsonProperty("User") String user,
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("ExposedPorts") @JsonSetter(contentNulls = Nulls.SET) Map<String, Object> exposedPorts,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("StdinOnce") boolean stdinOnce,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> cmd,
        @JsonProperty("Image") String image,
        @JsonProperty("Volumes") @JsonSetter(contentNulls = Nulls.SET) Map<String, Object> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Entrypoint") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> entrypoint,
        @JsonProperty("NetworkDisabled") boolean networkDisabled,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("StopTimeout") Integer stopTimeout,
        @JsonProperty("Healthcheck") HealthConfig healthcheck,
        @JsonProperty("HostConfig") HostConfig hostConfig) {

    /**
     * The {@code HostConfig} of the request (swagger HostConfig with its Resources). The first group is
     * what berth implements and passes to the engine; the second is what it refuses when set
     * ({@link HostConfigRefusals}), kept as raw JSON because only "is it set" matters.
     *
     * @param binds Binds: "/host:/ctr[:opts]"
     * @param networkMode NetworkMode
     * @param restartPolicy RestartPolicy
     * @param autoRemove AutoRemove
     * @param logConfig LogConfig
     * @param capAdd CapAdd
     * @param capDrop CapDrop
     * @param dns Dns
     * @param dnsOptions DnsOptions
     * @param dnsSearch DnsSearch
     * @param extraHosts ExtraHosts: "name:IP"
     * @param privileged Privileged
     * @param readonlyRootfs ReadonlyRootfs
     * @param tmpfs Tmpfs: container path → options
     * @param mounts Mounts
     * @param memory Memory in bytes
     * @param cpuShares CpuShares
     * @param nanoCpus NanoCpus
     * @param cpuPeriod CpuPeriod in microseconds
     * @param cpuQuota CpuQuota in microseconds
     * @param cpusetCpus CpusetCpus
     * @param cpusetMems CpusetMems
     * @param pidsLimit PidsLimit (0 or negative: unlimited)
     * @param ulimits Ulimits
     * @param portBindings PortBindings (refused when a port has a binding)
     * @param publishAllPorts PublishAllPorts (refused)
     * @param links Links (refused)
     * @param volumesFrom VolumesFrom (refused)
     * @param volumeDriver VolumeDriver (refused)
     * @param devices Devices (refused)
     * @param deviceRequests DeviceRequests (refused)
     * @param deviceCgroupRules DeviceCgroupRules (refused)
     * @param runtime Runtime (refused unless runc)
     * @param init Init (refused)
     * @param pidMode PidMode (refused)
     * @param ipcMode IpcMode (refused unless private or shareable)
     * @param utsMode UTSMode (refused)
     * @param usernsMode UsernsMode (refused unless host)
     * @param cgroupnsMode CgroupnsMode (refused unless host)
     * @param cgroup Cgroup (refused)
     * @param cgroupParent CgroupParent (refused)
     * @param sysctls Sysctls (refused)
     * @param securityOpt SecurityOpt (refused)
     * @param groupAdd GroupAdd (refused)
     * @param storageOpt StorageOpt (refused)
     * @param shmSize ShmSize (refused)
     * @param oomScoreAdj OomScoreAdj (refused)
     * @param oomKillDisable OomKillDisable (refused)
     * @param memoryReservation MemoryReservation (refused)
     * @param memorySwap MemorySwap (refused)
     * @param memorySwappiness MemorySwappiness (refused unless -1)
     * @param kernelMemory KernelMemory (refused)
     * @param blkioWeight BlkioWeight (refused)
     * @param blkioWeightDevice BlkioWeightDevice (refused)
     * @param blkioDeviceReadBps BlkioDeviceReadBps (refused)
     * @param blkioDeviceWriteBps BlkioDeviceWriteBps (refused)
     * @param blkioDeviceReadIOps BlkioDeviceReadIOps (refused)
     * @param blkioDeviceWriteIOps BlkioDeviceWriteIOps (refused)
     * @param cpuRealtimePeriod CpuRealtimePeriod (refused)
     * @param cpuRealtimeRuntime CpuRealtimeRuntime (refused)
     */
    public record HostConfig(
            @JsonProperty("Binds") List<String> binds,
            @JsonProperty("NetworkMode") String networkMode,
            @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
            @JsonProperty("AutoRemove") boolean autoRemove,
            @JsonProperty("LogConfig") LogConfig logConfig,
            @JsonProperty("CapAdd") List<String> capAdd,
            @JsonProperty("CapDrop") List<String> capDrop,
            @JsonProperty("Dns") List<String> dns,
            @JsonProperty("DnsOptions") List<String> dnsOptions,
            @JsonProperty("DnsSearch") List<String> dnsSearch,
            @JsonProperty("ExtraHosts") List<String> extraHosts,
            @JsonProperty("Privileged") boolean privileged,
            @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
            @JsonProperty("Tmpfs") Map<String, String> tmpfs,
            @JsonProperty("Mounts") List<Mount> mounts,
            @JsonProperty("Memory") long memory,
            @JsonProperty("CpuShares") long cpuShares,
            @JsonProperty("NanoCpus") long nanoCpus,
            @JsonProperty("CpuPeriod") long cpuPeriod,
            @JsonProperty("CpuQuota") long cpuQuota,
            @JsonProperty("CpusetCpus") String cpusetCpus,
            @JsonProperty("CpusetMems") String cpusetMems,
            @JsonProperty("PidsLimit") long pidsLimit,
            @JsonProperty("Ulimits") List<Ulimit> ulimits,

            @JsonProperty("PortBindings") JsonNode portBindings,
            @JsonProperty("PublishAllPorts") JsonNode publishAllPorts,
            @JsonProperty("Links") JsonNode links,
            @JsonProperty("VolumesFrom") JsonNode volumesFrom,
            @JsonProperty("VolumeDriver") JsonNode volumeDriver,
            @JsonProperty("Devices") JsonNode devices,
            @JsonProperty("DeviceRequests") JsonNode deviceRequests,
            @JsonProperty("DeviceCgroupRules") JsonNode deviceCgroupRules,
            @JsonProperty("Runtime") JsonNode runtime,
            @JsonProperty("Init") JsonNode init,
            @JsonProperty("PidMode") JsonNode pidMode,
            @JsonProperty("IpcMode") JsonNode ipcMode,
            @JsonProperty("UTSMode") JsonNode utsMode,
            @JsonProperty("UsernsMode") JsonNode usernsMode,
            @JsonProperty("CgroupnsMode") JsonNode cgroupnsMode,
            @JsonProperty("Cgroup") JsonNode cgroup,
            @JsonProperty("CgroupParent") JsonNode cgroupParent,
            @JsonProperty("Sysctls") JsonNode sysctls,
            @JsonProperty("SecurityOpt") JsonNode securityOpt,
            @JsonProperty("GroupAdd") JsonNode groupAdd,
            @JsonProperty("StorageOpt") JsonNode storageOpt,
            @JsonProperty("ShmSize") JsonNode shmSize,
            @JsonProperty("OomScoreAdj") JsonNode oomScoreAdj,
            @JsonProperty("OomKillDisable") JsonNode oomKillDisable,
            @JsonProperty("MemoryReservation") JsonNode memoryReservation,
            @JsonProperty("MemorySwap") JsonNode memorySwap,
            @JsonProperty("MemorySwappiness") JsonNode memorySwappiness,
            @JsonProperty("KernelMemory") JsonNode kernelMemory,
            @JsonProperty("BlkioWeight") JsonNode blkioWeight,
            @JsonProperty("BlkioWeightDevice") JsonNode blkioWeightDevice,
            @JsonProperty("BlkioDeviceReadBps") JsonNode blkioDeviceReadBps,
            @JsonProperty("BlkioDeviceWriteBps") JsonNode blkioDeviceWriteBps,
            @JsonProperty("BlkioDeviceReadIOps") JsonNode blkioDeviceReadIOps,
            @JsonProperty("BlkioDeviceWriteIOps") JsonNode blkioDeviceWriteIOps,
            @JsonProperty("CpuRealtimePeriod") JsonNode cpuRealtimePeriod,
            @JsonProperty("CpuRealtimeRuntime") JsonNode cpuRealtimeRuntime) {
    }

    /**
     * Swagger {@code HealthConfig}: durations in nanoseconds, 0 or null = the image's (then dockerd's default).
     *
     * @param test Test: [] inherit, ["NONE"], ["CMD", args...], ["CMD-SHELL", command]
     * @param interval Interval, ns
     * @param timeout Timeout, ns
     * @param startPeriod StartPeriod, ns
     * @param retries Retries
     */
    public record HealthConfig(@JsonProperty("Test") List<String> test,
                               @JsonProperty("Interval") Long interval,
                               @JsonProperty("Timeout") Long timeout,
                               @JsonProperty("StartPeriod") Long startPeriod,
                               @JsonProperty("Retries") Integer retries) {
    }

    /**
     * Swagger {@code RestartPolicy}.
     *
     * @param name Name: "", "no", "always", "unless-stopped", "on-failure"
     * @param maximumRetryCount MaximumRetryCount
     */
    public record RestartPolicy(@JsonProperty("Name") String name,
                                @JsonProperty("MaximumRetryCount") int maximumRetryCount) {
    }

    /**
     * Swagger {@code HostConfig.LogConfig}.
     *
     * @param type Type: the log driver
     * @param config Config: the driver's options
     */
    public record LogConfig(@JsonProperty("Type") String type, @JsonProperty("Config") Map<String, String> config) {
    }

    /**
     * Swagger {@code Mount}.
     *
     * @param type Type: "bind", "tmpfs", "volume"
     * @param source Source
     * @param target Target
     * @param readOnly ReadOnly
     * @param bindOptions BindOptions
     * @param tmpfsOptions TmpfsOptions
     */
    public record Mount(@JsonProperty("Type") String type,
                        @JsonProperty("Source") String source,
                        @JsonProperty("Target") String target,
                        @JsonProperty("ReadOnly") boolean readOnly,
                        @JsonProperty("BindOptions") BindOptions bindOptions,
                        @JsonProperty("TmpfsOptions") TmpfsOptions tmpfsOptions) {
    }

    /**
     * Swagger {@code Mount.BindOptions}.
     *
     * @param propagation Propagation
     * @param nonRecursive NonRecursive
     */
    public record BindOptions(@JsonProperty("Propagation") String propagation,
                              @JsonProperty("NonRecursive") boolean nonRecursive) {
    }

    /**
     * Swagger {@code Mount.TmpfsOptions}.
     *
     * @param sizeBytes SizeBytes
     * @param mode Mode: permission bits
     */
    public record TmpfsOptions(@JsonProperty("SizeBytes") long sizeBytes, @JsonProperty("Mode") int mode) {
    }

    /**
     * One entry of swagger {@code Resources.Ulimits}.
     *
     * @param name Name ("nofile")
     * @param soft Soft
     * @param hard Hard
     */
    public record Ulimit(@JsonProperty("Name") String name, @JsonProperty("Soft") long soft,
                         @JsonProperty("Hard") long hard) {
    }
}
