package io.berth.storage.grpc;

import com.google.protobuf.ByteString;
import io.berth.common.time.DockerTime;
import io.berth.proto.storage.v1.DriverStatus;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.SnapshotKind;
import io.berth.proto.types.v1.Filters;
import io.berth.proto.types.v1.StringList;
import io.berth.storage.image.ImageInfo;
import io.berth.storage.image.StorageInfo;
import io.berth.storage.snapshot.Mount;
import io.berth.storage.snapshot.SnapshotInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between the domain records and berth.storage.v1 / berth.types.v1 messages. */
final class ProtoConverters {
    private ProtoConverters() {
    }

    /** @return the proto Image for inspect and list */
    static Image image(ImageInfo i) {
        Image.Builder b = Image.newBuilder()
                .setId(i.id().toString())
                .addAllRepoTags(i.repoTags())
                .addAllRepoDigests(i.repoDigests())
                .setConfigJson(ByteString.copyFrom(i.configJson()))
                .setSizeBytes(i.sizeBytes())
                .setDriver(i.driver())
                .putAllDriverData(i.driverData());
        if (i.topChainId() != null) {
            b.setTopChainId(i.topChainId().toString());
        }
        if (i.created() != null) {
            b.setCreated(DockerTime.toTimestamp(i.created()));
        }
        if (i.parent() != null) {
            b.setParent(i.parent().toString());
        }
        if (i.sharedSizeBytes() >= 0) {
            b.setSharedSizeBytes(i.sharedSizeBytes());
        }
        if (i.lastTagTime() != null) {
            b.setLastTagTime(DockerTime.toTimestamp(i.lastTagTime()));
        }
        return b.build();
    }

    /** @return the proto storage info for GET /info */
    static GetStorageInfoResponse storageInfo(StorageInfo s) {
        GetStorageInfoResponse.Builder b = GetStorageInfoResponse.newBuilder()
                .setDriver(s.driver()).setImages(s.images()).setDataRoot(s.dataRoot());
        for (Map.Entry<String, String> e : s.driverStatus()) {
            b.addDriverStatus(DriverStatus.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return b.build();
    }

    /** @return the proto mounts */
    static List<io.berth.proto.types.v1.Mount> mounts(List<Mount> mounts) {
        return mounts.stream().map(m -> io.berth.proto.types.v1.Mount.newBuilder().setType(m.type())
                .setSource(m.source()).addAllOptions(m.options()).build()).toList();
    }

    /** @return the proto snapshot description */
    static io.berth.proto.storage.v1.ChangeKind changeKind(io.berth.storage.snapshot.ChangeKind k) {
        return switch (k) {
            case MODIFIED -> io.berth.proto.storage.v1.ChangeKind.CHANGE_KIND_MODIFIED;
            case ADDED -> io.berth.proto.storage.v1.ChangeKind.CHANGE_KIND_ADDED;
            case DELETED -> io.berth.proto.storage.v1.ChangeKind.CHANGE_KIND_DELETED;
        };
    }

    static io.berth.proto.storage.v1.SnapshotInfo snapshotInfo(SnapshotInfo s) {
        SnapshotKind kind = switch (s.kind()) {
            case VIEW -> SnapshotKind.SNAPSHOT_KIND_VIEW;
            case ACTIVE -> SnapshotKind.SNAPSHOT_KIND_ACTIVE;
            case COMMITTED -> SnapshotKind.SNAPSHOT_KIND_COMMITTED;
        };
        return io.berth.proto.storage.v1.SnapshotInfo.newBuilder().setName(s.name()).setParent(s.parent())
                .setKind(kind).setCreated(DockerTime.toTimestamp(s.created())).putAllLabels(s.labels()).build();
    }

    /** @return Docker filters as key → values */
    static Map<String, List<String>> filters(Filters f) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, StringList> e : f.getFiltersMap().entrySet()) {
            out.put(e.getKey(), List.copyOf(e.getValue().getValuesList()));
        }
        return out;
    }
}
