/** Publishing image events to monitor-service, fire-and-forget. */
package io.berth.storage.events;
