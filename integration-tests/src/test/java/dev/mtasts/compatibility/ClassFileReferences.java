package dev.mtasts.compatibility;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What the class files of a jar reference, read with ASM: every type named anywhere (constant pool, descriptors,
 * signatures, annotations) and every method and field used by instructions or method handles. Types and members
 * the jar itself defines are left out.
 */
final class ClassFileReferences {

    /** A method or field of another class that some instruction or handle uses. */
    record Member(String owner, String name, String descriptor, boolean method) implements Comparable<Member> {
        @Override
        public int compareTo(Member other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return owner.replace('/', '.') + (method ? "#" : ".") + name + (method ? descriptor : " " + descriptor);
        }
    }

    private final Map<String, Integer> majorVersions = new TreeMap<>();
    private final Set<String> types = new TreeSet<>();
    private final Set<Member> members = new TreeSet<>();

    private ClassFileReferences() {
    }

    static ClassFileReferences of(Path jar) {
        ClassFileReferences references = new ClassFileReferences();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        references.read(entry.getName(), in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        references.types.removeAll(references.majorVersions.keySet());
        references.members.removeIf(member -> references.majorVersions.containsKey(member.owner()));
        return references;
    }

    /** Class-file major version by class (internal name): 55 is Java 11, 61 Java 17. */
    Map<String, Integer> majorVersions() {
        return Collections.unmodifiableMap(majorVersions);
    }

    /** Internal names of the types referenced but not defined by the jar, arrays reduced to their element type. */
    Set<String> types() {
        return Collections.unmodifiableSet(types);
    }

    Set<Member> members() {
        return Collections.unmodifiableSet(members);
    }

    private void read(String entryName, byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        // The major version is the unsigned short at offset 6 of every class file.
        majorVersions.put(reader.getClassName(), ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff));
        Remapper recorder = new Remapper() {
            @Override
            public String map(String internalName) {
                String element = internalName.replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
                if (element.length() > 1) { // not a primitive array
                    types.add(element);
                }
                return internalName;
            }
        };
        ClassVisitor memberRecorder = new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        member(owner, method, desc, true);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        member(owner, field, desc, false);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... args) {
                        handle(bootstrap);
                        for (Object arg : args) {
                            if (arg instanceof Handle handle) {
                                handle(handle);
                            }
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Handle handle) {
                            handle(handle);
                        }
                    }
                };
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                           Object value) {
                return null;
            }
        };
        reader.accept(new ClassRemapper(memberRecorder, recorder), 0);
    }

    private void handle(Handle handle) {
        boolean method = handle.getTag() >= Opcodes.H_INVOKEVIRTUAL;
        member(handle.getOwner(), handle.getName(), handle.getDesc(), method);
    }

    private void member(String owner, String name, String descriptor, boolean method) {
        if (owner.startsWith("[")) {
            return; // clone() and length of arrays
        }
        members.add(new Member(owner, name, descriptor, method));
        types.add(owner);
        addTypes(method ? Type.getMethodType(descriptor).getArgumentTypes() : new Type[] {Type.getType(descriptor)});
        if (method) {
            addTypes(new Type[] {Type.getMethodType(descriptor).getReturnType()});
        }
    }

    private void addTypes(Type[] found) {
        for (Type type : found) {
            Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
            if (element.getSort() == Type.OBJECT) {
                types.add(element.getInternalName());
            }
        }
    }
}
