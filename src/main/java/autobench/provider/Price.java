package autobench.provider;

/** USD per million input and output tokens. */
public record Price(double inputPerMillion, double outputPerMillion) {
    public static final Price FREE = new Price(0, 0);

    public Price {
        if (inputPerMillion < 0
                || outputPerMillion < 0
                || Double.isNaN(inputPerMillion)
                || Double.isNaN(outputPerMillion)) {
            throw new IllegalArgumentException("prices must be non-negative numbers");
        }
    }
}
