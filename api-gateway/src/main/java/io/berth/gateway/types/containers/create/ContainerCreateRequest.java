package io.berth.gateway.types.containers.create;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.gateway.http.GoStruct;
import io.berth.gateway.http.GoType;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The body of Docker Engine API 1.41 {@code POST /containers/create} (swagger ContainerCreateRequest: the
 * ContainerConfig fields plus {@code HostConfig}; NetworkingConfig is bound by {@link NetworkingConfig}), bound by
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
 * @param onBuild OnBuild: ONBUILD triggers, kept as given
 * @param macAddress MacAddress ({@code --mac-address}), null or "" for none
 * @param healthcheck Healthcheck (null: the image's)
 * @param hostConfig HostConfig
 */
@GoStruct("ContainerConfigWrapper")
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
        @JsonProperty("MacAddress") String macAddress,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("StopTimeout") @GoType("int") Integer stopTimeout,
        @JsonProperty("OnBuild") List<String> onBuild,
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
     * @param memorySwap MemorySwap in bytes (-1 unlimited)
     * @param memoryReservation MemoryReservation in bytes
     * @param kernelMemory KernelMemory in bytes
     * @param memorySwappiness MemorySwappiness 0-100 (null or -1: the kernel's)
     * @param oomKillDisable OomKillDisable
     * @param oomScoreAdj OomScoreAdj -1000..1000
     * @param cpuRealtimePeriod CpuRealtimePeriod in microseconds
     * @param cpuRealtimeRuntime CpuRealtimeRuntime in microseconds
     * @param blkioWeight BlkioWeight 10-1000
     * @param blkioWeightDevice BlkioWeightDevice
     * @param blkioDeviceReadBps BlkioDeviceReadBps (bytes per second)
     * @param blkioDeviceWriteBps BlkioDeviceWriteBps (bytes per second)
     * @param blkioDeviceReadIOps BlkioDeviceReadIOps (operations per second)
     * @param blkioDeviceWriteIOps BlkioDeviceWriteIOps (operations per second)
     * @param securityOpt SecurityOpt
     * @param devices Devices
     * @param deviceCgroupRules DeviceCgroupRules
     * @param groupAdd GroupAdd
     * @param init Init (null: the daemon's default, false)
     * @param shmSize ShmSize in bytes
     * @param sysctls Sysctls
     * @param ipcMode IpcMode
     * @param pidMode PidMode
     * @param utsMode UTSMode
     * @param runtime Runtime
     * @param cgroupParent CgroupParent
     * @param consoleSize ConsoleSize [height, width] (Go's [2]uint: extra entries ignored, missing ones 0)
     * @param portBindings PortBindings: "80/tcp" → [{HostIp, HostPort}] (a null list: no binding, as Go's nil)
     * @param publishAllPorts PublishAllPorts
     * @param links Links: "name[:alias]" (legacy links of the default bridge)
     * @param volumesFrom VolumesFrom: "container[:ro|rw]" entries
     * @param volumeDriver VolumeDriver (refused unless "" or "local")
     * @param deviceRequests DeviceRequests (refused)
     * @param usernsMode UsernsMode (refused unless host)
     * @param cgroupnsMode CgroupnsMode (refused unless host)
     * @param cgroup Cgroup (refused)
     * @param storageOpt StorageOpt (refused)
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

            @JsonProperty("MemorySwap") long memorySwap,
            @JsonProperty("MemoryReservation") long memoryReservation,
            @JsonProperty("KernelMemory") long kernelMemory,
            @JsonProperty("MemorySwappiness") Long memorySwappiness,
            @JsonProperty("OomKillDisable") Boolean oomKillDisable,
            @JsonProperty("OomScoreAdj") @GoType("int") int oomScoreAdj,
            @JsonProperty("CpuRealtimePeriod") long cpuRealtimePeriod,
            @JsonProperty("CpuRealtimeRuntime") long cpuRealtimeRuntime,
            @JsonProperty("BlkioWeight") @GoType("uint16") int blkioWeight,
            @JsonProperty("BlkioWeightDevice") List<WeightDevice> blkioWeightDevice,
            @JsonProperty("BlkioDeviceReadBps") List<ThrottleDevice> blkioDeviceReadBps,
            @JsonProperty("BlkioDeviceWriteBps") List<ThrottleDevice> blkioDeviceWriteBps,
            @JsonProperty("BlkioDeviceReadIOps") List<ThrottleDevice> blkioDeviceReadIOps,
            @JsonProperty("BlkioDeviceWriteIOps") List<ThrottleDevice> blkioDeviceWriteIOps,
            @JsonProperty("SecurityOpt") List<String> securityOpt,
            @JsonProperty("Devices") List<DeviceMapping> devices,
            @JsonProperty("DeviceCgroupRules") List<String> deviceCgroupRules,
            @JsonProperty("GroupAdd") List<String> groupAdd,
            @JsonProperty("Init") Boolean init,
            @JsonProperty("ShmSize") long shmSize,
            @JsonProperty("Sysctls") Map<String, String> sysctls,
            @JsonProperty("IpcMode") String ipcMode,
            @JsonProperty("PidMode") String pidMode,
            @JsonProperty("UTSMode") String utsMode,
            @JsonProperty("Runtime") String runtime,
            @JsonProperty("CgroupParent") String cgroupParent,
            @JsonProperty("ConsoleSize") @GoType("uint") List<BigInteger> consoleSize,

            @JsonProperty("PortBindings") @JsonSetter(contentNulls = Nulls.SET)
            Map<String, List<PortBinding>> portBindings,
            @JsonProperty("PublishAllPorts") boolean publishAllPorts,
            @JsonProperty("Links") JsonNode links,
            @JsonProperty("VolumesFrom") JsonNode volumesFrom,
            @JsonProperty("VolumeDriver") JsonNode volumeDriver,
            @JsonProperty("DeviceRequests") JsonNode deviceRequests,
            @JsonProperty("UsernsMode") JsonNode usernsMode,
            @JsonProperty("CgroupnsMode") JsonNode cgroupnsMode,
            @JsonProperty("Cgroup") JsonNode cgroup,
            @JsonProperty("StorageOpt") JsonNode storageOpt) {
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
     * @param volumeOptions VolumeOptions
     */
    public record Mount(@JsonProperty("Type") String type,
                        @JsonProperty("Source") String source,
                        @JsonProperty("Target") String target,
                        @JsonProperty("ReadOnly") boolean readOnly,
                        @JsonProperty("BindOptions") BindOptions bindOptions,
                        @JsonProperty("TmpfsOptions") TmpfsOptions tmpfsOptions,
                        @JsonProperty("VolumeOptions") VolumeOptions volumeOptions) {
    }

    /**
     * Swagger {@code Mount.VolumeOptions}.
     *
     * @param noCopy NoCopy: do not fill a new volume from the image
     * @param labels Labels for a volume the mount creates
     * @param driverConfig DriverConfig: Name and Options of the driver
     */
    public record VolumeOptions(@JsonProperty("NoCopy") boolean noCopy,
                                @JsonProperty("Labels") Map<String, String> labels,
                                @JsonProperty("DriverConfig") DriverConfig driverConfig) {
    }

    /**
     * Swagger {@code Mount.VolumeOptions.DriverConfig}.
     *
     * @param name Name ("" or "local")
     * @param options Options (type, device, o)
     */
    public record DriverConfig(@JsonProperty("Name") String name,
                               @JsonProperty("Options") Map<String, String> options) {
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
    public record TmpfsOptions(@JsonProperty("SizeBytes") long sizeBytes,
                               @JsonProperty("Mode") @GoType("uint32") int mode) {
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

    /**
     * One entry of swagger {@code Resources.BlkioWeightDevice}.
     *
     * @param path Path: the device node ("/dev/vda")
     * @param weight Weight 10-1000
     */
    public record WeightDevice(@JsonProperty("Path") String path,
                               @JsonProperty("Weight") @GoType("uint16") int weight) {
    }

    /**
     * One entry of swagger {@code Resources.BlkioDeviceReadBps} and its siblings.
     *
     * @param path Path: the device node
     * @param rate Rate per second (Go's uint64, so up to 2^64-1)
     */
    public record ThrottleDevice(@JsonProperty("Path") String path,
                                 @JsonProperty("Rate") @GoType("uint64") BigInteger rate) {
    }

    /**
     * One entry of swagger {@code Resources.Devices}.
     *
     * @param pathOnHost PathOnHost
     * @param pathInContainer PathInContainer ("" = PathOnHost)
     * @param cgroupPermissions CgroupPermissions: a combination of r, w, m ("" = "rwm")
     */
    public record DeviceMapping(@JsonProperty("PathOnHost") String pathOnHost,
                                @JsonProperty("PathInContainer") String pathInContainer,
                                @JsonProperty("CgroupPermissions") String cgroupPermissions) {
    }

    /**
     * One entry of swagger {@code PortMap} (HostConfig.PortBindings): where a container port is published.
     *
     * @param hostIp HostIp: "" for every IPv4 address, else one address
     * @param hostPort HostPort: "8080", a range "8000-8010", or ""/"0" for an ephemeral port
     */
    public record PortBinding(@JsonProperty("HostIp") String hostIp,
                              @JsonProperty("HostPort") String hostPort) {
    }
}
