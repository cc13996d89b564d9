package eu.sehr.cloud.infra;

/** Store URLs as they may be shown in messages and logs: without user info (passwords) and without query parameters. */
public final class Redacted {

    private Redacted() {
    }

    public static String url(String url) {
        String shown = url;
        int query = shown.indexOf('?');
        if (query >= 0) {
            shown = shown.substring(0, query);
        }
        int scheme = shown.indexOf("://");
        int at = shown.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            shown = shown.substring(0, scheme + 3) + "***@" + shown.substring(at + 1);
        }
        return shown;
    }
}
