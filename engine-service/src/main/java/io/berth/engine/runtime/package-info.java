/**
 * What runs a container: the OCI bundle written for a run (BundleWriter: rootfs mount, /etc files, runtime
 * spec from RuntimeSpecBuilder), runc and conmon (RunLauncher, RuncClient, ConmonLauncher), conmon's attach
 * socket, users, capabilities, mounts and resource limits as the runtime spec has them, and the clean-up of
 * runc state and rootfs mounts.
 *
 * <p>Layer 3: may import {@code config} and {@code container}.
 */
package io.berth.engine.runtime;
