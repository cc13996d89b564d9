package eu.sehr.cloud.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import eu.sehr.cloud.support.Api;
import eu.sehr.cloud.support.Api.Citizen;

/** Citizens for the benchmark, made through the API: registered, logged in and with the cloud consent signed. */
final class Citizens {

    private Citizens() {
    }

    /** A fresh citizen who may upload and download records. */
    static Citizen consenting(Api api) {
        Citizen citizen = api.newCitizen();
        api.signConsent(citizen.token(), "cloud").expect(200);
        return citizen;
    }

    /** {@code count} consenting citizens, made by a few threads (password hashing makes each take a while). */
    static List<Citizen> consenting(Api api, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<Citizen>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                made.add(pool.submit(() -> consenting(api)));
            }
            List<Citizen> citizens = new ArrayList<>();
            for (Future<Citizen> citizen : made) {
                citizens.add(citizen.get());
            }
            return citizens;
        } finally {
            pool.shutdownNow();
        }
    }
}
