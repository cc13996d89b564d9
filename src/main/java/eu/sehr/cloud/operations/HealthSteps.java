package eu.sehr.cloud.operations;

import java.util.LinkedHashMap;
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

    /** 200 with every check UP, or 503 naming the failing checks (also in the contract's error fields). */
    public Map<String, Object> ready() {
        Map<String, String> checks = readiness.check();
        boolean up = checks.values().stream().allMatch("UP"::equals);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", up ? "UP" : "DOWN");
        answer.put("checks", checks);
        if (!up) {
            answer.put("msg", "not ready: " + String.join(", ", checks.entrySet().stream()
                    .filter(check -> !"UP".equals(check.getValue())).map(Map.Entry::getKey).toList()) + " down");
            answer.put("errorCode", 503);
        }
        return answer;
    }

    /** The status code of a readiness answer. */
    public int status(Map<String, Object> answer) {
        return "UP".equals(answer.get("status")) ? 200 : 503;
    }

}
