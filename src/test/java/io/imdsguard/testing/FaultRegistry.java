package io.imdsguard.testing;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Injected faults: per operation error answers, permanent or for the first N calls. */
final class FaultRegistry {

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    void failAlways(String service, String operation, String region, int status, String code, String message) {
        AwsWireFormat.protocolOf(service); // fail fast on a misspelled service, not at request time
        faults.add(new Fault(service, operation, region, null, null,
                () -> AwsWireFormat.error(service, status, code, message), new AtomicInteger(-1)));
    }

    /** As {@link #failAlways} for the calls whose query-protocol parameter {@code param} is {@code value} only. */
    void failWhere(String service, String operation, String param, String value, int status, String code,
            String message) {
        AwsWireFormat.protocolOf(service);
        faults.add(new Fault(service, operation, null, param, value,
                () -> AwsWireFormat.error(service, status, code, message), new AtomicInteger(-1)));
    }

    void throttle(String service, String operation, int times) {
        AwsWireFormat.protocolOf(service);
        faults.add(new Fault(service, operation, null, null, null, () -> AwsWireFormat.throttling(service),
                new AtomicInteger(times)));
    }

    /** The fault answer for this call, consuming one use of a counted fault; {@code null} to pass through. */
    ResponseDefinition answer(AwsRequest request) {
        for (Fault fault : faults) {
            if (fault.matches(request) && fault.consume()) {
                return fault.response().get();
            }
        }
        return null;
    }

    void clear() {
        faults.clear();
    }

    private record Fault(String service, String operation, String region, String param, String value,
            java.util.function.Supplier<ResponseDefinition> response, AtomicInteger remaining) {

        boolean matches(AwsRequest request) {
            AwsCall call = request.call();
            return service.equals(call.service()) && operation.equals(call.operation())
                    && (region == null || Objects.equals(region, call.region()))
                    && (param == null || value.equals(request.params().get(param)));
        }

        /** Permanent faults (remaining -1) always apply; counted ones until they run out. */
        boolean consume() {
            if (remaining.get() < 0) {
                return true;
            }
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }
    }
}
