package io.berth.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.berth.proto.engine.v1.ContainersOuterClass;
import io.berth.proto.engine.v1.ExecsOuterClass;
import io.berth.proto.monitor.v1.EventsOuterClass;
import io.berth.proto.storage.v1.ImagesOuterClass;
import io.berth.proto.storage.v1.SnapshotsOuterClass;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Enforces the rules of berth's gRPC API on the generated descriptors (like buf's lint rules): one
 * service per file, versioned packages {@code berth.<service>.v1}, and every RPC with a request and a
 * response message of its own (no shared or Empty messages), so fields can be added to one RPC later
 * without touching another.
 */
class ProtoConventionsTest {
    private static final List<FileDescriptor> SERVICE_FILES = List.of(
            ContainersOuterClass.getDescriptor(), ExecsOuterClass.getDescriptor(), EventsOuterClass.getDescriptor(),
            ImagesOuterClass.getDescriptor(), SnapshotsOuterClass.getDescriptor());

    @Test
    void everyServiceFile_hasOneServiceInAVersionedBerthPackage() {
        for (FileDescriptor f : SERVICE_FILES) {
            assertEquals(1, f.getServices().size(), f.getName());
            assertTrue(f.getPackage().matches("berth\\.[a-z]+\\.v[0-9]+"), f.getPackage());
            assertTrue(f.getOptions().getJavaMultipleFiles(), f.getName() + " sets java_multiple_files");
        }
    }

    @Test
    void everyRpc_hasItsOwnRequestAndResponseMessages() {
        Set<String> used = new HashSet<>();
        for (FileDescriptor f : SERVICE_FILES) {
            for (ServiceDescriptor s : f.getServices()) {
                for (MethodDescriptor m : s.getMethods()) {
                    String in = m.getInputType().getFullName();
                    String out = m.getOutputType().getFullName();
                    assertTrue(in.endsWith("Request"), m.getFullName() + " takes " + in);
                    assertTrue(out.endsWith("Response"), m.getFullName() + " returns " + out);
                    assertTrue(used.add(in), in + " is used by more than one RPC");
                    assertTrue(used.add(out), out + " is used by more than one RPC");
                }
            }
        }
    }
}
