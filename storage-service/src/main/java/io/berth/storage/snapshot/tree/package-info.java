/**
 * Reading snapshot trees without mounting them: the merged view of a stack of layer directories
 * ({@link io.berth.storage.snapshot.tree.LayerStack}, overlayfs's lookup rules), a layer's changes against
 * its parent ({@code docker diff}) and the flat tar of a whole tree ({@code docker export}).
 */
package io.berth.storage.snapshot.tree;
