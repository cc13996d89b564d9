package eu.sehr.cloud.infra.axon;

import org.axonframework.config.ProcessingGroup;

/** The processing group an event handler declares with {@link ProcessingGroup}. */
final class ProcessingGroups {

    private ProcessingGroups() {
    }

    static String of(Object handler) {
        ProcessingGroup group = handler.getClass().getAnnotation(ProcessingGroup.class);
        if (group == null) {
            throw new IllegalArgumentException(handler.getClass().getName() + " declares no @ProcessingGroup");
        }
        return group.value();
    }
}
