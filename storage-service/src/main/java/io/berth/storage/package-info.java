/** storage-service: start-up ({@link io.berth.storage.StorageMain}), wiring ({@link io.berth.storage.StorageModule}) and the on-disk layout ({@link io.berth.storage.StorageLayout}). */
package io.berth.storage;
