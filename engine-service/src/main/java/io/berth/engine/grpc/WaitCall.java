package io.berth.engine.grpc;

import io.berth.engine.container.WaitCondition;
import io.berth.engine.container.Waiters;
import io.berth.engine.service.ContainerWaits;
import io.berth.proto.engine.v1.WaitContainerRequest;
import io.berth.proto.engine.v1.WaitContainerResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One WaitContainer call: registers the waiter, sends {@code registered=true}, then the result when the
 * condition is met. A result that is known at once is held until {@code registered} is out. A cancelled
 * call unregisters its waiter.
 */
final class WaitCall {
    private final SerializedObserver<WaitContainerResponse> out;
    private Waiters.Result early;
    private boolean registeredSent;

    private WaitCall(StreamObserver<WaitContainerResponse> obs) {
        this.out = new SerializedObserver<>(obs);
    }

    /**
     * Runs the call.
     *
     * @param waits the domain service
     * @param req the request
     * @param obs the response observer
     * @throws io.berth.common.errors.NotFoundException before anything is sent, for an unknown container
     */
    static void run(ContainerWaits waits, WaitContainerRequest req, StreamObserver<WaitContainerResponse> obs) {
        WaitCall call = new WaitCall(obs);
        Waiters.Registration reg = waits.await(req.getId(), condition(req), call::onResult);
        if (obs instanceof ServerCallStreamObserver<?> sco) {
            sco.setOnCancelHandler(reg::cancel);
            if (sco.isCancelled()) {
                reg.cancel();
                return;
            }
        }
        call.sendRegistered();
    }

    private static WaitCondition condition(WaitContainerRequest req) {
        return switch (req.getCondition()) {
            case WAIT_CONDITION_NEXT_EXIT -> WaitCondition.NEXT_EXIT;
            case WAIT_CONDITION_REMOVED -> WaitCondition.REMOVED;
            default -> WaitCondition.NOT_RUNNING;
        };
    }

    private synchronized void sendRegistered() {
        out.next(WaitContainerResponse.newBuilder().setRegistered(true).build());
        registeredSent = true;
        if (early != null) {
            finish(early);
        }
    }

    private synchronized void onResult(Waiters.Result r) {
        if (!registeredSent) {
            early = r;
            return;
        }
        finish(r);
    }

    private void finish(Waiters.Result r) {
        out.next(WaitContainerResponse.newBuilder().setStatusCode(r.statusCode()).setError(r.error()).build());
        out.complete();
    }
}
