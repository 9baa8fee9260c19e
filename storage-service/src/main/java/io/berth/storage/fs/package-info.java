/** Filesystem helpers: atomic file replacement, tree copy/delete/usage, link-safe timestamps. */
package io.berth.storage.fs;
