package eu.sehr.cloud.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/** Pipeline steps of {@code /health/live} and {@code /health/ready}. */
public final class HealthSteps {

    private final Readiness readiness;

    public HealthSteps(Readiness readiness) {
        this.readiness = readiness;
    }

    public Health live() {
        return new Health("UP");
    }

    /** {@code {"status": "UP"}}. */
    public record Health(String status) {
    }

    /**
     * 200 while requests can be served (a DEGRADED check, the audit views lagging, is detail), or 503 naming the
     * checks that are DOWN (also in the contract's error fields).
     */
    public Map<String, Object> ready() {
        Map<String, String> checks = readiness.check();
        List<String> down = checks.entrySet().stream()
                .filter(check -> Readiness.DOWN.equals(check.getValue())).map(Map.Entry::getKey).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", down.isEmpty() ? "UP" : "DOWN");
        answer.put("checks", checks);
        if (!down.isEmpty()) {
            answer.put("msg", "not ready: " + String.join(", ", down) + " down");
            answer.put("errorCode", 503);
        }
        return answer;
    }

    /** The status code of a readiness answer. */
    public int status(Map<String, Object> answer) {
        return "UP".equals(answer.get("status")) ? 200 : 503;
    }

}
