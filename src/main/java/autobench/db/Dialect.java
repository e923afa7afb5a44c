package autobench.db;

/** The two supported stores. Statements are shared; the few differences are decided here. */
public enum Dialect {
    SQLITE,
    POSTGRES;

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRES;
        throw new IllegalArgumentException(
                "unsupported database URL (use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB): " + redact(jdbcUrl));
    }

    /** Strips credentials from a JDBC URL before it is shown anywhere. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
    }
}
