package eu.sehr.cloud.infra;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static Properties defaults() {
        Properties defaults = new Properties();
        defaults.setProperty("sehr.s3.endpoint", "");
        defaults.setProperty("sehr.port", "5000");
        defaults.setProperty("sehr.token.citizen-ttl", "60m");
        return defaults;
    }

    @Test
    void should_let_environment_override_defaults_and_system_properties_override_both() {
        Settings settings = new Settings(defaults(), Map.of("SEHR_PORT", "6000", "SEHR_S3_ENDPOINT", "http://minio:9000"), new Properties());
        assertThat(settings.getInt("sehr.port")).isEqualTo(6000);
        assertThat(settings.find("sehr.s3.endpoint")).contains("http://minio:9000");
        Properties system = new Properties();
        system.setProperty("sehr.port", "7000");
        assertThat(new Settings(defaults(), Map.of("SEHR_PORT", "6000"), system).getInt("sehr.port")).isEqualTo(7000);
    }

    @Test
    void should_treat_empty_values_as_absent() {
        assertThat(new Settings(defaults(), Map.of(), new Properties()).find("sehr.s3.endpoint")).isEmpty();
    }

    @Test
    void should_read_durations_and_refuse_nonsense() {
        Settings settings = new Settings(defaults(), Map.of(), new Properties());
        assertThat(settings.getDuration("sehr.token.citizen-ttl")).isEqualTo(Duration.ofMinutes(60));
        Settings broken = new Settings(defaults(), Map.of("SEHR_TOKEN_CITIZEN_TTL", "soon"), new Properties());
        assertThatThrownBy(() -> broken.getDuration("sehr.token.citizen-ttl")).isInstanceOf(ConfigurationException.class);
    }
}
