package dev.mtasts.compatibility;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the jakarta drop-in jar against James 3.9 without starting a James 3.9 (whose server modules Maven Central
 * does not serve here):
 * <ul>
 *     <li>every concrete class of the jar implements every abstract method its James 3.9.0 supertypes declare
 *     (a new interface method would otherwise be an {@code AbstractMethodError} at run time);</li>
 *     <li>no reference to a package James 3.9 renamed ({@code javax.mail}, {@code javax.inject},
 *     {@code javax.annotation}, {@code javax.activation}) is left;</li>
 *     <li>every referenced James or Mailet type whose James 3.8.1 artifact is also served at 3.9.0 exists in the
 *     3.9.0 artifacts, and so does every method and field of it that the jar uses (looked up through the type's
 *     superclasses and interfaces);</li>
 *     <li>the referenced James types of artifacts not served at 3.9.0 are listed as not checked.</li>
 * </ul>
 */
final class JakartaJarCheck {

    /** Packages James 3.9 moved to {@code jakarta.*}. */
    static final List<String> RENAMED_IN_JAMES_3_9 = List.of("javax/mail/", "javax/inject/", "javax/annotation/",
        "javax/activation/");

    private static final Pattern JAMES_JAR = Pattern.compile("(.+)-(\\d+\\.\\d+\\.\\d+)(-[a-z]+)?\\.jar");

    /** What the check found. The jar passes when the first three lists are empty. */
    record Result(List<String> renamedPackageReferences, List<String> missingTypes, List<String> missingMembers,
                  List<String> unimplementedMethods, Map<String, List<String>> checkedByArtifact, Map<String, List<String>> notCheckedByArtifact,
                  List<String> notCheckedMembers, Set<String> allReferencedTypes) {

        boolean passes() {
            return renamedPackageReferences.isEmpty() && missingTypes.isEmpty() && missingMembers.isEmpty()
                && unimplementedMethods.isEmpty();
        }

        String report() {
            StringBuilder text = new StringBuilder();
            section(text, "references to packages James 3.9 renamed", renamedPackageReferences);
            section(text, "James types missing from the James 3.9.0 artifacts", missingTypes);
            section(text, "James members missing from the James 3.9.0 artifacts", missingMembers);
            section(text, "abstract James 3.9.0 methods a class of the jar does not implement", unimplementedMethods);
            checkedByArtifact.forEach((artifact, types) -> section(text, "checked against " + artifact + " 3.9.0",
                types));
            notCheckedByArtifact.forEach((artifact, types) -> section(text, "NOT checked: " + artifact
                + " is not served at 3.9.0 here", types));
            section(text, "NOT checked: members of those types the jar uses", notCheckedMembers);
            section(text, "every type the jar references", List.copyOf(allReferencedTypes));
            return text.toString();
        }

        private static void section(StringBuilder text, String title, List<String> lines) {
            text.append("# ").append(title).append(" (").append(lines.size()).append(")\n");
            lines.forEach(line -> text.append("  ").append(line).append('\n'));
        }
    }

    private JakartaJarCheck() {
    }

    /**
     * @param jar            the jar to check
     * @param james39Jars    the James 3.9.0 artifacts served here, named {@code artifactId-3.9.0.jar}
     * @param james38Jars    the James 3.8.1 jars the project compiles against (to tell each type's artifact)
     */
    static Result check(Path jar, List<Path> james39Jars, List<Path> james38Jars) {
        ClassFileReferences references = ClassFileReferences.of(jar);
        List<String> renamed = references.types().stream()
            .filter(type -> RENAMED_IN_JAMES_3_9.stream().anyMatch(type::startsWith))
            .map(JakartaJarCheck::dotted)
            .toList();
        ClassIndex james39 = ClassIndex.of(james39Jars);
        ClassIndex james38 = ClassIndex.of(james38Jars);
        Set<String> servedAt39 = new HashSet<>(james39.artifacts());

        List<String> missingTypes = new ArrayList<>();
        Map<String, List<String>> checked = new TreeMap<>();
        Map<String, List<String>> notChecked = new TreeMap<>();
        Set<String> checkedTypes = new HashSet<>();
        for (String type : references.types()) {
            if (!isJames(type)) {
                continue;
            }
            // A renamed javax type has no 3.8 artifact under its jakarta name: look for its javax twin.
            String artifact = james38.artifactOf(type).or(() -> james38.artifactOf(javaxTwin(type)))
                .orElse("(no James 3.8.1 artifact)");
            if (servedAt39.contains(artifact) || james39.contains(type)) {
                checked.computeIfAbsent(artifact, any -> new ArrayList<>()).add(dotted(type));
                checkedTypes.add(type);
                if (!james39.contains(type)) {
                    missingTypes.add(dotted(type) + " (from " + artifact + ")");
                }
            } else {
                notChecked.computeIfAbsent(artifact, any -> new ArrayList<>()).add(dotted(type));
            }
        }
        List<String> missingMembers = new ArrayList<>();
        List<String> notCheckedMembers = new ArrayList<>();
        for (ClassFileReferences.Member member : references.members()) {
            if (checkedTypes.contains(member.owner())) {
                if (james39.contains(member.owner()) && james39.lacks(member)) {
                    missingMembers.add(member.toString());
                }
            } else if (isJames(member.owner())) {
                notCheckedMembers.add(member.toString());
            }
        }
        List<String> jarClasses = List.copyOf(references.majorVersions().keySet());
        List<Path> jarAndJames39 = new ArrayList<>(List.of(jar));
        jarAndJames39.addAll(james39Jars);
        List<String> unimplemented = ClassIndex.of(jarAndJames39).unimplementedJamesMethods(jarClasses);
        return new Result(renamed, missingTypes, missingMembers, unimplemented, checked, notChecked, notCheckedMembers,
            new TreeSet<>(references.types().stream().map(JakartaJarCheck::dotted).toList()));
    }

    private static boolean isJames(String type) {
        return type.startsWith("org/apache/james/") || type.startsWith("org/apache/mailet/");
    }

    private static String javaxTwin(String type) {
        return type.startsWith("jakarta/") ? "javax/" + type.substring("jakarta/".length()) : type;
    }

    private static String dotted(String type) {
        return type.replace('/', '.');
    }

    /** The classes of a set of jars, with the artifact each comes from and, on demand, their members. */
    private static final class ClassIndex {

        private final Map<String, Path> jarByClass = new HashMap<>();
        private final Map<Path, String> artifactByJar = new HashMap<>();
        private final Map<String, ClassShape> shapes = new HashMap<>();

        static ClassIndex of(List<Path> jars) {
            ClassIndex index = new ClassIndex();
            for (Path jar : jars) {
                Matcher name = JAMES_JAR.matcher(jar.getFileName().toString());
                index.artifactByJar.put(jar, name.matches() ? name.group(1) : jar.getFileName().toString());
                try (JarFile file = new JarFile(jar.toFile())) {
                    for (JarEntry entry : Collections.list(file.entries())) {
                        String entryName = entry.getName();
                        if (entryName.endsWith(".class") && !entryName.startsWith("META-INF/")) {
                            index.jarByClass.putIfAbsent(entryName.substring(0, entryName.length() - 6), jar);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + jar, e);
                }
            }
            return index;
        }

        Set<String> artifacts() {
            return Set.copyOf(artifactByJar.values());
        }

        boolean contains(String type) {
            return jarByClass.containsKey(type);
        }

        Optional<String> artifactOf(String type) {
            return Optional.ofNullable(jarByClass.get(type)).map(artifactByJar::get);
        }

        /**
         * Whether the member is certainly absent: not declared by the class nor by any superclass or interface,
         * all of which are in this index. A hierarchy that leaves the index (the JDK, a library) is given the
         * benefit of the doubt.
         */
        boolean lacks(ClassFileReferences.Member member) {
            List<String> toVisit = new ArrayList<>(List.of(member.owner()));
            Set<String> seen = new HashSet<>();
            while (!toVisit.isEmpty()) {
                String type = toVisit.remove(toVisit.size() - 1);
                if (!seen.add(type)) {
                    continue;
                }
                Optional<ClassShape> shape = shape(type);
                if (shape.isEmpty()) {
                    return false;
                }
                if (shape.get().declares(member)) {
                    return false;
                }
                toVisit.addAll(shape.get().supertypes());
            }
            return true;
        }

        /**
         * The abstract methods of James types that a concrete class among {@code classes} inherits and does not
         * implement. A class whose hierarchy leaves this index and the JDK cannot be judged and is passed over.
         */
        List<String> unimplementedJamesMethods(List<String> classes) {
            List<String> unimplemented = new ArrayList<>();
            for (String type : classes) {
                Optional<ClassShape> shape = shape(type);
                if (shape.isEmpty() || shape.get().isAbstract()) {
                    continue;
                }
                Map<String, String> abstractByMethod = new TreeMap<>();
                Set<String> implemented = new HashSet<>();
                if (!collect(type, abstractByMethod, implemented, new HashSet<>())) {
                    continue;
                }
                abstractByMethod.forEach((method, owner) -> {
                    if (!implemented.contains(method) && isJames(owner)) {
                        unimplemented.add(dotted(type) + " lacks " + dotted(owner) + "#" + method);
                    }
                });
            }
            return unimplemented;
        }

        private boolean collect(String type, Map<String, String> abstractByMethod, Set<String> implemented,
                                Set<String> seen) {
            if (!seen.add(type)) {
                return true;
            }
            Optional<ClassShape> shape = shape(type);
            if (shape.isEmpty()) {
                return false;
            }
            shape.get().methods().forEach((method, isAbstract) -> {
                if (isAbstract) {
                    abstractByMethod.putIfAbsent(method, type);
                } else {
                    implemented.add(method);
                }
            });
            for (String supertype : shape.get().supertypes()) {
                if (!collect(supertype, abstractByMethod, implemented, seen)) {
                    return false;
                }
            }
            return true;
        }

        private Optional<ClassShape> shape(String type) {
            Path jar = jarByClass.get(type);
            if (jar != null) {
                return Optional.of(shapes.computeIfAbsent(type, any -> ClassShape.read(jar, type)));
            }
            if (type.startsWith("java/") || type.startsWith("javax/")) {
                // The JDK's own classes (Serializable, AutoCloseable, ...) as the running JDK has them.
                return Optional.ofNullable(ClassLoader.getPlatformClassLoader().getResource(type + ".class"))
                    .map(url -> shapes.computeIfAbsent(type, any -> ClassShape.read(url, type)));
            }
            return Optional.empty();
        }
    }

    /** The members a class declares and its direct supertypes. */
    private record ClassShape(Set<String> declared, Map<String, Boolean> methods, List<String> supertypes,
                              boolean isAbstract) {

        static ClassShape read(Path jar, String type) {
            try (JarFile file = new JarFile(jar.toFile());
                 InputStream in = file.getInputStream(file.getEntry(type + ".class"))) {
                return read(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + type + " from " + jar, e);
            }
        }

        static ClassShape read(URL url, String type) {
            try (InputStream in = url.openStream()) {
                return read(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + type + " from " + url, e);
            }
        }

        private static ClassShape read(byte[] bytes) {
            ClassReader reader = new ClassReader(bytes);
            Set<String> declared = new HashSet<>();
            Map<String, Boolean> methods = new HashMap<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    declared.add("#" + name + descriptor);
                    if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0 && !name.startsWith("<")) {
                        methods.put(name + descriptor, (access & Opcodes.ACC_ABSTRACT) != 0);
                    }
                    return null;
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                               Object value) {
                    declared.add("." + name + " " + descriptor);
                    return null;
                }
            }, ClassReader.SKIP_CODE);
            List<String> supertypes = new ArrayList<>();
            if (reader.getSuperName() != null) {
                supertypes.add(reader.getSuperName());
            }
            supertypes.addAll(List.of(reader.getInterfaces()));
            boolean isAbstract = (reader.getAccess() & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) != 0;
            return new ClassShape(declared, methods, supertypes, isAbstract);
        }

        boolean declares(ClassFileReferences.Member member) {
            if (member.method()) {
                return declared.contains("#" + member.name() + member.descriptor());
            }
            return declared.contains("." + member.name() + " " + member.descriptor());
        }
    }

    static List<Path> jarsIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
