package archfixture.rating;

/** Fixture for ArchitectureTest: rating code reaching into storage, which the rules forbid. */
public final class ImpureRating {
    int rows() {
        return archfixture.db.Table.rows();
    }
}
