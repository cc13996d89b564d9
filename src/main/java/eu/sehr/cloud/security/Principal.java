package eu.sehr.cloud.security;

/**
 * Who is calling, as proven by a verified token. {@code account} is the citizen's account id (null for
 * auditors); {@code grant} the consent grant an emergency or HCO token was issued under; {@code hcoId},
 * {@code hcoName} and {@code hcpName} name the healthcare organisation and professional of an HCO token.
 */
public record Principal(TokenKind kind, String subject, String account, String grant,
                        String hcoId, String hcoName, String hcpName, String tokenId) {

    public static Principal citizen(String username, String account, String tokenId) {
        return new Principal(TokenKind.CITIZEN, username, account, null, null, null, null, tokenId);
    }

    public static Principal auditor(String username, String tokenId) {
        return new Principal(TokenKind.AUDITOR, username, null, null, null, null, null, tokenId);
    }
}
