package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.gateway.http.JsonFields;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.types.v1.StringList;
import java.util.List;

/**
 * Maps the body of Docker Engine API 1.41 {@code POST /containers/create?name=} (swagger ContainerConfig
 * plus {@code HostConfig} and {@code NetworkingConfig}) to the engine's {@link CreateContainerRequest}. All
 * three client styles decode alike: the CLI's every-field-zero body, docker-py's minimal one and docker-java's
 * all-null one. {@code Cmd}/{@code Entrypoint} follow dockerd's merge rule: a null or empty Cmd means "the
 * image's"; a null Entrypoint means "the image's", an empty one or {@code [""]} means "none".
 */
public final class CreateBody {
    private CreateBody() {
    }

    /**
     * @param name the {@code name} query parameter ("" for a generated name)
     * @param body the parsed request body
     * @return the engine request
     * @throws InvalidArgumentException (400) for an empty body or a field of the wrong type
     * @throws io.berth.common.errors.NotImplementedException (501) for a HostConfig option berth does not
     *     implement ({@link HostConfigRefusals})
     */
    public static CreateContainerRequest parse(String name, JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new InvalidArgumentException("config cannot be empty in order to create a container");
        }
        if (!body.isObject()) {
            throw new InvalidArgumentException("invalid JSON in request body: expected a JSON object");
        }
        return CreateContainerRequest.newBuilder()
                .setName(name == null ? "" : name)
                .setConfig(config(body))
                .setHostConfig(HostConfigBody.parse(JsonFields.object(body, "HostConfig")))
                .build();
    }

    private static ContainerConfig config(JsonNode b) {
        ContainerConfig.Builder c = ContainerConfig.newBuilder()
                .setHostname(JsonFields.string(b, "Hostname"))
                .setDomainname(JsonFields.string(b, "Domainname"))
                .setUser(JsonFields.string(b, "User"))
                .setAttachStdin(JsonFields.bool(b, "AttachStdin"))
                .setAttachStdout(JsonFields.bool(b, "AttachStdout"))
                .setAttachStderr(JsonFields.bool(b, "AttachStderr"))
                .setTty(JsonFields.bool(b, "Tty"))
                .setOpenStdin(JsonFields.bool(b, "OpenStdin"))
                .setStdinOnce(JsonFields.bool(b, "StdinOnce"))
                .setImage(JsonFields.string(b, "Image"))
                .setWorkingDir(JsonFields.string(b, "WorkingDir"))
                .setStopSignal(JsonFields.string(b, "StopSignal"))
                .setNetworkDisabled(JsonFields.bool(b, "NetworkDisabled"))
                .putAllLabels(JsonFields.stringMap(b, "Labels"))
                .addAllExposedPorts(JsonFields.keys(b, "ExposedPorts"))
                .addAllVolumes(JsonFields.keys(b, "Volumes"));
        List<String> env = JsonFields.strings(b, "Env");
        if (env != null) {
            c.addAllEnv(env);
        }
        List<String> cmd = JsonFields.strSlice(b, "Cmd");
        if (cmd != null && !cmd.isEmpty()) {
            c.setCmd(StringList.newBuilder().addAllValues(cmd));
        }
        List<String> entrypoint = JsonFields.strSlice(b, "Entrypoint");
        if (entrypoint != null) {
            boolean none = entrypoint.isEmpty() || entrypoint.size() == 1 && entrypoint.get(0).isEmpty();
            c.setEntrypoint(none ? StringList.getDefaultInstance()
                    : StringList.newBuilder().addAllValues(entrypoint).build());
        }
        if (JsonFields.get(b, "StopTimeout") != null) {
            c.setStopTimeout((int) JsonFields.integer(b, "StopTimeout"));
        }
        return c.build();
    }
}
