/** Applying image layer tars (OCI image-spec layer.md) to snapshots, safely, with whiteouts and diff IDs. */
package io.berth.storage.diff;
