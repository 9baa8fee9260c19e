package io.berth.storage.image;

import io.berth.storage.content.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain IDs (OCI image-spec config.md#layer-chainid): {@code ChainID(L0) = DiffID(L0)} and
 * {@code ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln))}. A chain ID names the result of
 * applying a stack of layers, so two images sharing their bottom layers share those snapshots.
 */
public final class ChainIds {
    private ChainIds() {
    }

    /**
     * @param parent chain ID of the layers below, or {@code null} for the bottom layer
     * @param diffId diff ID of the layer on top
     * @return the chain ID of the stack with {@code diffId} on top
     */
    public static Digest next(Digest parent, Digest diffId) {
        return parent == null ? diffId : Digest.sha256(parent + " " + diffId);
    }

    /**
     * @param diffIds diff IDs, bottom layer first
     * @return the chain ID of every prefix of the stack, bottom first
     */
    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> out = new ArrayList<>(diffIds.size());
        Digest chain = null;
        for (Digest d : diffIds) {
            chain = next(chain, d);
            out.add(chain);
        }
        return out;
    }
}
