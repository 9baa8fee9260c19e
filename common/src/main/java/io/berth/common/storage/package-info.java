/** Storage facts shared by berthd and storage-service (Docker's storage driver names). */
package io.berth.common.storage;
