package eu.sehr.cloud.infra;

import java.util.ArrayList;
import java.util.List;

/** Joining the lists that features contribute (handlers, beans) into one. */
public final class Lists {

    private Lists() {
    }

    @SafeVarargs
    public static <T> List<T> concat(List<? extends T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<? extends T> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
