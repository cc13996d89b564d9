package eu.sehr.cloud.support;

/** Closing test resources in a finally block without hiding the test's own failure. */
public final class Resources {

    private Resources() {
    }

    public static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("closing " + resource.getClass().getSimpleName() + " failed: " + e);
        }
    }
}
