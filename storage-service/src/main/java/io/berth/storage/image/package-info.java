/** The image store: docker-archive and OCI layout loading, references and tags, listing, deleting. */
package io.berth.storage.image;
