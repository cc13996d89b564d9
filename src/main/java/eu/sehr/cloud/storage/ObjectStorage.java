package eu.sehr.cloud.storage;

import java.util.concurrent.TimeUnit;

import io.minio.MinioClient;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * One S3 server as the service talks to it: the MinIO client for the S3 API, and the HTTP client and credentials
 * under it for the byte path's own signed requests (one streamed PUT per record).
 */
public record ObjectStorage(MinioClient minio, OkHttpClient http, HttpUrl endpoint, String accessKey, String secretKey,
        String region) {

    private static final int TIMEOUT_SECONDS = 4;
    private static final int CONNECTIONS = 64;
    private static final int IDLE_MINUTES = 5;

    public static ObjectStorage connect(String url, String accessKey, String secretKey, String region) {
        // one S3 host serves every request: let as many calls run and connections stay open as requests may need
        // (OkHttp's defaults, 5 calls per host and 5 idle connections, queue requests and churn connections).
        // No silent retry: a put's body is the client's stream and cannot be sent twice; RecordStore retries reads.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(CONNECTIONS);
        dispatcher.setMaxRequestsPerHost(CONNECTIONS);
        OkHttpClient http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(CONNECTIONS, IDLE_MINUTES, TimeUnit.MINUTES))
                .connectTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .readTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .writeTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false)
                .build();
        MinioClient minio = MinioClient.builder().endpoint(url).credentials(accessKey, secretKey).region(region)
                .httpClient(http).build();
        return new ObjectStorage(minio, http, HttpUrl.get(url), accessKey, secretKey, region);
    }

    /** Names the endpoint only: the credentials never reach a log. */
    @Override
    public String toString() {
        return "ObjectStorage[" + endpoint + "]";
    }
}
