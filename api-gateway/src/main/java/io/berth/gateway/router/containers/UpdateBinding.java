package io.berth.gateway.router.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.UpdateContainerRequest;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Binds the body of {@code POST /containers/{id}/update} (Engine API 1.41 ContainerUpdateConfig: the
 * Resources fields plus RestartPolicy) as Go's decoder does: field names match without regard to case,
 * unknown fields are ignored, {@code null} is "not given", a number that is not an int64 (or a string) is a
 * 400 naming the field.
 */
public final class UpdateBinding {
    private UpdateBinding() {
    }

    /**
     * @param id the container reference
     * @param body the JSON body (null or missing: nothing to change)
     * @return the engine's request
     * @throws InvalidArgumentException for a value of the wrong type
     */
    public static UpdateContainerRequest bind(String id, JsonNode body) {
        UpdateContainerRequest.Builder b = UpdateContainerRequest.newBuilder().setId(id);
        if (body == null || body.isNull() || body.isMissingNode()) {
            return b.build();
        }
        if (!body.isObject()) {
            throw new InvalidArgumentException("json: cannot unmarshal " + kind(body)
                    + " into Go value of type container.UpdateConfig");
        }
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "memory" -> b.setMemory(int64(v, "Memory"));
                case "memoryswap" -> b.setMemorySwap(int64(v, "MemorySwap"));
                case "memoryreservation" -> b.setMemoryReservation(int64(v, "MemoryReservation"));
                case "kernelmemory" -> b.setKernelMemory(int64(v, "KernelMemory"));
                case "cpushares" -> b.setCpuShares(int64(v, "CpuShares"));
                case "nanocpus" -> b.setNanoCpus(int64(v, "NanoCpus"));
                case "cpuperiod" -> b.setCpuPeriod(int64(v, "CpuPeriod"));
                case "cpuquota" -> b.setCpuQuota(int64(v, "CpuQuota"));
                case "cpurealtimeperiod" -> b.setCpuRealtimePeriod(int64(v, "CpuRealtimePeriod"));
                case "cpurealtimeruntime" -> b.setCpuRealtimeRuntime(int64(v, "CpuRealtimeRuntime"));
                case "cpusetcpus" -> b.setCpusetCpus(string(v, "CpusetCpus"));
                case "cpusetmems" -> b.setCpusetMems(string(v, "CpusetMems"));
                case "pidslimit" -> b.setPidsLimit(int64(v, "PidsLimit"));
                case "blkioweight" -> {
                    long w = int64(v, "BlkioWeight");
                    if (w < 0 || w > 0xFFFF) {
                        throw new InvalidArgumentException("json: cannot unmarshal number " + v.asText()
                                + " into Go struct field UpdateConfig.BlkioWeight of type uint16");
                    }
                    b.setBlkioWeight((int) w);
                }
                case "restartpolicy" -> restartPolicy(b, v);
                default -> { }
            }
        }
        return b.build();
    }

    private static void restartPolicy(UpdateContainerRequest.Builder b, JsonNode v) {
        if (!v.isObject()) {
            throw new InvalidArgumentException("json: cannot unmarshal " + kind(v)
                    + " into Go struct field UpdateConfig.RestartPolicy of type container.RestartPolicy");
        }
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                continue;
            }
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "name" -> b.setRestartPolicy(string(e.getValue(), "RestartPolicy.Name"));
                case "maximumretrycount" -> {
                    long n = int64(e.getValue(), "RestartPolicy.MaximumRetryCount");
                    if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                        throw new InvalidArgumentException("json: cannot unmarshal number " + n
                                + " into Go struct field RestartPolicy.RestartPolicy.MaximumRetryCount of type int");
                    }
                    b.setRestartMaxRetries((int) n);
                }
                default -> { }
            }
        }
    }

    private static long int64(JsonNode v, String field) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidArgumentException("json: cannot unmarshal " + kind(v) + " " + v.asText()
                    + " into Go struct field UpdateConfig." + field + " of type int64");
        }
        return v.asLong();
    }

    private static String string(JsonNode v, String field) {
        if (!v.isTextual()) {
            throw new InvalidArgumentException("json: cannot unmarshal " + kind(v)
                    + " into Go struct field UpdateConfig." + field + " of type string");
        }
        return v.asText();
    }

    private static String kind(JsonNode v) {
        return v.isNumber() ? "number" : v.isTextual() ? "string" : v.isBoolean() ? "bool"
                : v.isArray() ? "array" : "object";
    }
}
