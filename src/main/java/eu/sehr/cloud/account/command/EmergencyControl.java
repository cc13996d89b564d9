package eu.sehr.cloud.account.command;

import java.time.Instant;

import eu.sehr.cloud.audit.api.Actor;
import eu.sehr.cloud.audit.chain.HashChain;
import eu.sehr.cloud.domain.AlreadyDone;
import eu.sehr.cloud.domain.NotFound;
import eu.sehr.cloud.emergency.api.EmergencyCommands.DecideDisputeCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.EndEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.HideRecordFromEmergencyCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ReviewEmergencyAccessCommand;
import eu.sehr.cloud.emergency.api.EmergencyCommands.ShowRecordInEmergencyCommand;
import eu.sehr.cloud.emergency.api.EmergencyEvents.DisputeDecided;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessEnded;
import eu.sehr.cloud.emergency.api.EmergencyEvents.EmergencyAccessReviewed;
import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordHiddenFromEmergency;
import eu.sehr.cloud.emergency.api.EmergencyEvents.HealthRecordShownInEmergency;
import eu.sehr.cloud.emergency.api.EndReason;
import eu.sehr.cloud.emergency.api.ReviewVerdict;
import org.axonframework.commandhandling.CommandHandler;

/**
 * The command handlers of {@link CitizenAccount} for what a citizen or compliance officer may do with the account's
 * emergency accesses (end, review, decide a dispute) and records (hide from emergencies, show again).
 */
abstract class EmergencyControl extends AccountState {

    @CommandHandler
    void handle(EndEmergencyAccessCommand command, HashChain chain) {
        requireLive();
        EmergencyAccess access = knownAccess(command.accessId());
        if (!access.isOpenAt(command.at())) {
            throw new AlreadyDone("this emergency access has already ended");
        }
        endAccess(command.accessId(), access, EndReason.ENDED_BY_CITIZEN, command.actor(), chain, command.at());
    }

    @CommandHandler
    void handle(ReviewEmergencyAccessCommand command, HashChain chain) {
        requireLive();
        EmergencyAccess access = knownAccess(command.accessId());
        if (access.verdict() != null) {
            throw new AlreadyDone("this emergency access has already been reviewed");
        }
        record(new EmergencyAccessReviewed(accountId, command.accessId(), access.hcoName(), access.hcpName(),
                command.verdict(), command.comment()), command.actor(), chain, command.at());
    }

    /** Also on a deleted account: its disputes stay with the compliance officers. */
    @CommandHandler
    void handle(DecideDisputeCommand command, HashChain chain) {
        EmergencyAccess access = command.accessId() == null ? null : emergencyAccesses.get(command.accessId());
        if (access == null || access.verdict() != ReviewVerdict.DISPUTED) {
            throw new NotFound("no disputed emergency access has this id");
        }
        if (access.decision() != null) {
            throw new AlreadyDone("this dispute has already been decided");
        }
        record(new DisputeDecided(accountId, command.accessId(), access.hcoName(), access.hcpName(), command.decision(),
                command.comment(), command.actor().name()), command.actor(), chain, command.at());
    }

    @CommandHandler
    void handle(HideRecordFromEmergencyCommand command, HashChain chain) {
        requireLive();
        if (!hiddenRecords.contains(recordKey(command.bucket(), command.object()))) {
            record(new HealthRecordHiddenFromEmergency(accountId, command.bucket(), command.object()), command.actor(),
                    chain, command.at());
        }
    }

    @CommandHandler
    void handle(ShowRecordInEmergencyCommand command, HashChain chain) {
        requireLive();
        if (hiddenRecords.contains(recordKey(command.bucket(), command.object()))) {
            record(new HealthRecordShownInEmergency(accountId, command.bucket(), command.object()), command.actor(),
                    chain, command.at());
        }
    }

    void endAccess(String accessId, EmergencyAccess access, EndReason reason, Actor actor, HashChain chain, Instant at) {
        record(new EmergencyAccessEnded(accountId, accessId, access.hcoName(), access.hcpName(), reason.name()), actor,
                chain, at);
    }
}
