package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.gateway.http.JsonFields;
import io.berth.proto.engine.v1.HostConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the {@code HostConfig} of Docker Engine API 1.41 {@code POST /containers/create} (swagger HostConfig
 * and Resources) to the engine's {@link HostConfig}, after {@link HostConfigRefusals} has refused what
 * berth does not implement. Null, missing and zero values all mean "default" (JsonFields' rules).
 */
public final class HostConfigBody {
    private HostConfigBody() {
    }

    /**
     * @param h the HostConfig object (null: all defaults)
     * @return the engine's host config
     * @throws InvalidArgumentException (400) for a field of the wrong type
     * @throws NotImplementedException (501) for an option berth does not implement
     */
    public static HostConfig parse(JsonNode h) {
        HostConfigRefusals.check(h);
        HostConfig.Builder hc = HostConfig.newBuilder()
                .setAutoRemove(JsonFields.bool(h, "AutoRemove"))
                .setNetworkMode(JsonFields.string(h, "NetworkMode"))
                .setMemoryBytes(JsonFields.integer(h, "Memory"))
                .setCpuShares(JsonFields.integer(h, "CpuShares"))
                .setPidsLimit(Math.max(0, JsonFields.integer(h, "PidsLimit")))
                .setPrivileged(JsonFields.bool(h, "Privileged"))
                .setReadonlyRootfs(JsonFields.bool(h, "ReadonlyRootfs"))
                .setNanoCpus(JsonFields.integer(h, "NanoCpus"))
                .setCpuQuota(JsonFields.integer(h, "CpuQuota"))
                .setCpuPeriod(JsonFields.integer(h, "CpuPeriod"))
                .setCpusetCpus(JsonFields.string(h, "CpusetCpus"))
                .setCpusetMems(JsonFields.string(h, "CpusetMems"))
                .putAllTmpfs(JsonFields.stringMap(h, "Tmpfs"));
        JsonNode restart = JsonFields.object(h, "RestartPolicy");
        hc.setRestartPolicy(JsonFields.string(restart, "Name"))
                .setRestartMaxRetries((int) JsonFields.integer(restart, "MaximumRetryCount"));
        JsonNode log = JsonFields.object(h, "LogConfig");
        hc.setLogDriver(JsonFields.string(log, "Type")).putAllLogOptions(JsonFields.stringMap(log, "Config"));
        hc.addAllBinds(strings(h, "Binds")).addAllCapAdd(strings(h, "CapAdd")).addAllCapDrop(strings(h, "CapDrop"))
                .addAllDns(strings(h, "Dns")).addAllDnsSearch(strings(h, "DnsSearch"))
                .addAllDnsOptions(strings(h, "DnsOptions")).addAllExtraHosts(strings(h, "ExtraHosts"));
        for (JsonNode m : objects(h, "Mounts")) {
            hc.addMounts(mount(m));
        }
        for (JsonNode u : objects(h, "Ulimits")) {
            hc.addUlimits(HostConfig.Ulimit.newBuilder().setName(JsonFields.string(u, "Name"))
                    .setSoft(JsonFields.integer(u, "Soft")).setHard(JsonFields.integer(u, "Hard")));
        }
        return hc.build();
    }

    /** One Docker Mount: Type, Source, Target, ReadOnly, BindOptions {Propagation, NonRecursive}, TmpfsOptions. */
    private static HostConfig.Mount mount(JsonNode m) {
        JsonNode bind = JsonFields.object(m, "BindOptions");
        JsonNode tmpfs = JsonFields.object(m, "TmpfsOptions");
        return HostConfig.Mount.newBuilder().setType(JsonFields.string(m, "Type"))
                .setSource(JsonFields.string(m, "Source")).setTarget(JsonFields.string(m, "Target"))
                .setReadOnly(JsonFields.bool(m, "ReadOnly"))
                .setPropagation(JsonFields.string(bind, "Propagation"))
                .setNonRecursive(JsonFields.bool(bind, "NonRecursive"))
                .setTmpfsSizeBytes(JsonFields.integer(tmpfs, "SizeBytes"))
                .setTmpfsMode((int) JsonFields.integer(tmpfs, "Mode")).build();
    }

    private static List<String> strings(JsonNode h, String name) {
        List<String> l = JsonFields.strings(h, name);
        return l == null ? List.of() : l;
    }

    /** @return the objects of an array field ([] if absent); 400 if it is not an array of objects */
    private static List<JsonNode> objects(JsonNode h, String name) {
        JsonNode a = JsonFields.get(h, name);
        if (a == null) {
            return List.of();
        }
        boolean ok = a.isArray();
        for (JsonNode item : a) {
            ok &= item.isObject();
        }
        if (!ok) {
            throw new InvalidArgumentException("invalid JSON in request body: " + name
                    + " must be an array of objects, got " + a);
        }
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }
}
