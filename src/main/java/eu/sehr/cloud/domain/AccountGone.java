package eu.sehr.cloud.domain;

/** The account was deleted: nothing more may be done with it (the contract's 401). */
public final class AccountGone extends Refusal {

    public AccountGone(String message) {
        super(message);
    }
}
