package eu.sehr.cloud.infra;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bean name in the route YAML leads to one class: each name that routes/api names (a {@code ref}, a {@code bean:}
 * call, the MongoDB client of a {@code mongodb:} endpoint, the MinIO client of a {@code minio:} endpoint, the
 * audience policy given to a record route template) is the name of exactly one {@code @BindToRegistry} method, in one
 * feature's {@code *Beans} configuration class.
 */
class BeanConfigurationsTest {

    private static final Pattern NAMED = Pattern.compile(
            "(?:ref: |\\$\\{bean:|mongodb:|minioClient: \"#)([A-Za-z]+)|value: ([A-Za-z]+Policy)\\b");

    @Test
    void should_bind_each_bean_that_a_route_names_in_exactly_one_feature_configuration() throws IOException {
        Map<String, List<String>> bindings = bindings();
        TreeSet<String> named = namedByRoutes();

        assertThat(named).as("bean names in routes/api").contains("reply", "readRecords", "citizenPolicy", "hcpPolicy",
                "storageClient");
        for (String name : named) {
            assertThat(bindings.get(name)).as("the configuration classes that bind %s", name).hasSize(1);
        }
        assertThat(bindings.values()).allSatisfy(classes -> assertThat(classes).hasSize(1));
    }

    @Test
    void should_name_each_configuration_for_its_feature_package() throws IOException {
        for (Class<?> type : configurations()) {
            assertThat(type.getSimpleName()).as(type.getName()).endsWith("Beans");
            assertThat(Modifier.isFinal(type.getModifiers())).as(type.getName()).isTrue();
        }
    }

    private static Map<String, List<String>> bindings() throws IOException {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (Class<?> type : configurations()) {
            for (Method method : type.getDeclaredMethods()) {
                BindToRegistry bind = method.getAnnotation(BindToRegistry.class);
                if (bind != null) {
                    entries.add(Map.entry(bind.value().isEmpty() ? method.getName() : bind.value(), type.getName()));
                }
            }
        }
        return entries.stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private static TreeSet<String> namedByRoutes() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes", "api"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".camel.yaml")).toList()) {
                Matcher matcher = NAMED.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
                }
            }
        }
        return names;
    }

    private static List<Class<?>> configurations() throws IOException {
        Path root = Path.of("target", "classes");
        try (Stream<Path> classes = Files.walk(root.resolve("eu/sehr/cloud"))) {
            List<Class<?>> found = new ArrayList<>();
            for (Path file : classes.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = load(name);
                if (CamelConfiguration.class.isAssignableFrom(type) && !type.isInterface()) {
                    found.add(type);
                }
            }
            assertThat(found).as("the feature bean configurations").hasSizeGreaterThanOrEqualTo(9);
            return found;
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, BeanConfigurationsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
