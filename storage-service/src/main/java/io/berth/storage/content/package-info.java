/** Content-addressed blob store (after containerd's content store): blobs named by sha256 digest, written through verified ingests. */
package io.berth.storage.content;
