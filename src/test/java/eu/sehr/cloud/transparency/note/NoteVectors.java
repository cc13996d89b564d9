package eu.sehr.cloud.transparency.note;

/**
 * Published keys and signed notes, checked byte for byte.
 *
 * <p>PeterNeumann and EnochRoot: golang.org/x/mod, sumdb/note/note_test.go (TestNewVerifier, TestNewSigner,
 * TestSign, TestOpen), golang/mod commit fe2ec04f7c3c3aa6fad97631aafcff6e49e2d1db. example.com/foo and the
 * witness.example.com/w1 cosignature: c2sp.org/signed-note ("Example") and c2sp.org/tlog-cosignature, C2SP/C2SP
 * commit 5ba5ee830903e91240fc6f9f3a7a9293d49e69c9.
 */
final class NoteVectors {

    static final String PETER_SIGNER_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String PETER_VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String ENOCH_VERIFIER_KEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

    static final String PETER_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIGNATURE_LINE = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFY"
            + "C2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String ENOCH_SIGNATURE_LINE = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGr"
            + "Q5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    static final String C2SP_VERIFIER_KEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    static final String C2SP_NOTE = "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXp"
            + "pzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    static final String C2SP_CHECKPOINT_TEXT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    static final String C2SP_COSIGNATURE_LINE = "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI"
            + "5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==";

    private NoteVectors() {
    }
}
