package dev.mtasts.james.webadmin;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import spark.Request;

/** Reading the routes' query parameters, and the 400 answer when one is malformed. */
final class QueryParameters {

    private QueryParameters() {
    }

    /** {@code defaultValue} when the parameter is absent or blank; 400 unless it is an integer in [min, max]. */
    static int intParameter(Request request, String name, int defaultValue, int min, int max) {
        String raw = request.queryParams(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badRequest("'" + name + "' must be an integer from " + min + " to " + max + ", was " + raw);
    }

    static RuntimeException badRequest(String message) {
        return ErrorResponder.builder()
            .statusCode(400)
            .type(ErrorType.INVALID_ARGUMENT)
            .message(message)
            .haltError();
    }
}
