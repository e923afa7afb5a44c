package archfixture;

import archfixture.db.Table;

/** Fixture for ArchitectureTest: a root-package type leaning on a capability, which the rules forbid. */
public final class Vocabulary {
    int rows() {
        return Table.rows();
    }
}
