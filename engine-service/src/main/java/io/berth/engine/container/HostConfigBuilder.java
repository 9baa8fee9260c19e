package io.berth.engine.container;

import java.util.List;
import java.util.Map;

/**
 * Builds a {@link HostConfig} field by field (the record has too many components to call its constructor
 * by position). Starts from Docker's defaults ({@link HostConfig#defaults()}) or from an existing config.
 */
public final class HostConfigBuilder {
    private boolean autoRemove = false;
    private String networkMode = "default";
    private String restartPolicy = "no";
    private int restartMaxRetries = 0;
    private String logDriver = "json-file";
    private Map<String, String> logOptions = Map.of();
    private long memory = 0;
    private long cpuShares = 0;
    private long pidsLimit = 0;
    private List<String> binds = List.of();
    private boolean privileged = false;
    private boolean readonlyRootfs = false;
    private List<MountSpec> mounts = List.of();
    private Map<String, String> tmpfs = Map.of();
    private List<String> capAdd = List.of();
    private List<String> capDrop = List.of();
    private long nanoCpus = 0;
    private long cpuQuota = 0;
    private long cpuPeriod = 0;
    private String cpusetCpus = "";
    private String cpusetMems = "";
    private List<HostConfig.Ulimit> ulimits = List.of();
    private List<String> dns = List.of();
    private List<String> dnsSearch = List.of();
    private List<String> dnsOptions = List.of();
    private List<String> extraHosts = List.of();

    /** Starts from Docker's defaults. */
    HostConfigBuilder() {
    }

    /** @param h the config to start from */
    HostConfigBuilder(HostConfig h) {
        this.autoRemove = h.autoRemove();
        this.networkMode = h.networkMode();
        this.restartPolicy = h.restartPolicy();
        this.restartMaxRetries = h.restartMaxRetries();
        this.logDriver = h.logDriver();
        this.logOptions = h.logOptions();
        this.memory = h.memory();
        this.cpuShares = h.cpuShares();
        this.pidsLimit = h.pidsLimit();
        this.binds = h.binds();
        this.privileged = h.privileged();
        this.readonlyRootfs = h.readonlyRootfs();
        this.mounts = h.mounts();
        this.tmpfs = h.tmpfs();
        this.capAdd = h.capAdd();
        this.capDrop = h.capDrop();
        this.nanoCpus = h.nanoCpus();
        this.cpuQuota = h.cpuQuota();
        this.cpuPeriod = h.cpuPeriod();
        this.cpusetCpus = h.cpusetCpus();
        this.cpusetMems = h.cpusetMems();
        this.ulimits = h.ulimits();
        this.dns = h.dns();
        this.dnsSearch = h.dnsSearch();
        this.dnsOptions = h.dnsOptions();
        this.extraHosts = h.extraHosts();
    }

    /**
     * @param v the new autoRemove
     * @return this builder
     */
    public HostConfigBuilder autoRemove(boolean v) {
        this.autoRemove = v;
        return this;
    }

    /**
     * @param v the new networkMode
     * @return this builder
     */
    public HostConfigBuilder networkMode(String v) {
        this.networkMode = v;
        return this;
    }

    /**
     * @param v the new restartPolicy
     * @return this builder
     */
    public HostConfigBuilder restartPolicy(String v) {
        this.restartPolicy = v;
        return this;
    }

    /**
     * @param v the new restartMaxRetries
     * @return this builder
     */
    public HostConfigBuilder restartMaxRetries(int v) {
        this.restartMaxRetries = v;
        return this;
    }

    /**
     * @param v the new logDriver
     * @return this builder
     */
    public HostConfigBuilder logDriver(String v) {
        this.logDriver = v;
        return this;
    }

    /**
     * @param v the new logOptions
     * @return this builder
     */
    public HostConfigBuilder logOptions(Map<String, String> v) {
        this.logOptions = v;
        return this;
    }

    /**
     * @param v the new memory
     * @return this builder
     */
    public HostConfigBuilder memory(long v) {
        this.memory = v;
        return this;
    }

    /**
     * @param v the new cpuShares
     * @return this builder
     */
    public HostConfigBuilder cpuShares(long v) {
        this.cpuShares = v;
        return this;
    }

    /**
     * @param v the new pidsLimit
     * @return this builder
     */
    public HostConfigBuilder pidsLimit(long v) {
        this.pidsLimit = v;
        return this;
    }

    /**
     * @param v the new binds
     * @return this builder
     */
    public HostConfigBuilder binds(List<String> v) {
        this.binds = v;
        return this;
    }

    /**
     * @param v the new privileged
     * @return this builder
     */
    public HostConfigBuilder privileged(boolean v) {
        this.privileged = v;
        return this;
    }

    /**
     * @param v the new readonlyRootfs
     * @return this builder
     */
    public HostConfigBuilder readonlyRootfs(boolean v) {
        this.readonlyRootfs = v;
        return this;
    }

    /**
     * @param v the new mounts
     * @return this builder
     */
    public HostConfigBuilder mounts(List<MountSpec> v) {
        this.mounts = v;
        return this;
    }

    /**
     * @param v the new tmpfs
     * @return this builder
     */
    public HostConfigBuilder tmpfs(Map<String, String> v) {
        this.tmpfs = v;
        return this;
    }

    /**
     * @param v the new capAdd
     * @return this builder
     */
    public HostConfigBuilder capAdd(List<String> v) {
        this.capAdd = v;
        return this;
    }

    /**
     * @param v the new capDrop
     * @return this builder
     */
    public HostConfigBuilder capDrop(List<String> v) {
        this.capDrop = v;
        return this;
    }

    /**
     * @param v the new nanoCpus
     * @return this builder
     */
    public HostConfigBuilder nanoCpus(long v) {
        this.nanoCpus = v;
        return this;
    }

    /**
     * @param v the new cpuQuota
     * @return this builder
     */
    public HostConfigBuilder cpuQuota(long v) {
        this.cpuQuota = v;
        return this;
    }

    /**
     * @param v the new cpuPeriod
     * @return this builder
     */
    public HostConfigBuilder cpuPeriod(long v) {
        this.cpuPeriod = v;
        return this;
    }

    /**
     * @param v the new cpusetCpus
     * @return this builder
     */
    public HostConfigBuilder cpusetCpus(String v) {
        this.cpusetCpus = v;
        return this;
    }

    /**
     * @param v the new cpusetMems
     * @return this builder
     */
    public HostConfigBuilder cpusetMems(String v) {
        this.cpusetMems = v;
        return this;
    }

    /**
     * @param v the new ulimits
     * @return this builder
     */
    public HostConfigBuilder ulimits(List<HostConfig.Ulimit> v) {
        this.ulimits = v;
        return this;
    }

    /**
     * @param v the new dns
     * @return this builder
     */
    public HostConfigBuilder dns(List<String> v) {
        this.dns = v;
        return this;
    }

    /**
     * @param v the new dnsSearch
     * @return this builder
     */
    public HostConfigBuilder dnsSearch(List<String> v) {
        this.dnsSearch = v;
        return this;
    }

    /**
     * @param v the new dnsOptions
     * @return this builder
     */
    public HostConfigBuilder dnsOptions(List<String> v) {
        this.dnsOptions = v;
        return this;
    }

    /**
     * @param v the new extraHosts
     * @return this builder
     */
    public HostConfigBuilder extraHosts(List<String> v) {
        this.extraHosts = v;
        return this;
    }

    /** @return the config */
    public HostConfig build() {
        return new HostConfig(autoRemove, networkMode, restartPolicy, restartMaxRetries, logDriver, logOptions,
                memory, cpuShares, pidsLimit, binds, privileged, readonlyRootfs, mounts, tmpfs, capAdd, capDrop,
                nanoCpus, cpuQuota, cpuPeriod, cpusetCpus, cpusetMems, ulimits, dns, dnsSearch, dnsOptions,
                extraHosts);
    }
}
