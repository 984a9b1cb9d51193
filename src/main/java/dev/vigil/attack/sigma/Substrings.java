package dev.vigil.attack.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Aho-Corasick: finds which of many literal strings occur in a text in one pass over the text, however many
 * literals there are. The rule index uses it to learn, per event, which {@code contains} values are present
 * in a field, instead of testing every rule's values one by one.
 */
final class Substrings {

    private static final int[] NONE = new int[0];

    /** Per node: the characters of its children (sorted) and the child nodes. */
    private char[][] labels;

    private int[][] children;
    private int[] fail;
    /** Per node: the ids of the literals that end here, including through failure links. */
    private int[][] outputs;

    private final int literalCount;

    /**
     * Automata up to this many nodes also get a full transition table for ASCII (nodes × 128 ints, at most
     * 1 MB): a scan step is then one array read, with no failure links to follow. Bigger automata (the
     * process-creation command-line literals) keep the compact form.
     */
    static final int MAX_TABLE_NODES = 2_048;

    /** {@code table[node << 7 | c]}: the next node for ASCII {@code c}; null for big automata. */
    private final int @Nullable [] table;

    /**
     * The root's transitions for ASCII as a table: a scan spends most of its steps at the root, where a
     * lookup must be one array read rather than a search among dozens of first characters.
     */
    private final int[] rootAscii = new int[128];

    Substrings(List<String> literals) {
        this.literalCount = literals.size();
        List<StringBuilder> labelList = new ArrayList<>();
        List<List<Integer>> childList = new ArrayList<>();
        List<List<Integer>> outputList = new ArrayList<>();
        labelList.add(new StringBuilder());
        childList.add(new ArrayList<>());
        outputList.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            String literal = literals.get(id);
            int node = 0;
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                int at = labelList.get(node).indexOf(String.valueOf(c));
                if (at >= 0) {
                    node = childList.get(node).get(at);
                } else {
                    int created = labelList.size();
                    labelList.add(new StringBuilder());
                    childList.add(new ArrayList<>());
                    outputList.add(new ArrayList<>());
                    labelList.get(node).append(c);
                    childList.get(node).add(created);
                    node = created;
                }
            }
            outputList.get(node).add(id);
        }
        int n = labelList.size();
        labels = new char[n][];
        children = new int[n][];
        for (int node = 0; node < n; node++) {
            char[] l = labelList.get(node).toString().toCharArray();
            int[] c = childList.get(node).stream().mapToInt(Integer::intValue).toArray();
            sortTogether(l, c);
            labels[node] = l;
            children[node] = c;
        }
        java.util.Arrays.fill(rootAscii, -1);
        for (int i = 0; i < labels[0].length; i++) {
            if (labels[0][i] < 128) {
                rootAscii[labels[0][i]] = children[0][i];
            }
        }
        fail = new int[n];
        outputs = new int[n][];
        // breadth-first, so a node's failure target is complete before the node itself
        int[] queue = new int[n];
        int[] order = queue;
        int head = 0;
        int tail = 0;
        outputs[0] = NONE;
        for (int child : children[0]) {
            fail[child] = 0;
            queue[tail++] = child;
        }
        while (head < tail) {
            int node = queue[head++];
            int[] own =
                    outputList.get(node).stream().mapToInt(Integer::intValue).toArray();
            int[] inherited = outputs[fail[node]];
            outputs[node] = inherited.length == 0 ? own : concat(own, inherited);
            for (int i = 0; i < labels[node].length; i++) {
                char c = labels[node][i];
                int child = children[node][i];
                int f = fail[node];
                int target;
                while ((target = step(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = target >= 0 && target != child ? target : 0;
                queue[tail++] = child;
            }
        }
        table = n <= MAX_TABLE_NODES ? table(order, tail) : null;
    }

    /** Transitions for every node and ASCII character, filled in breadth-first order. */
    private int[] table(int[] order, int count) {
        int[] t = new int[labels.length << 7];
        for (int c = 0; c < 128; c++) {
            t[c] = Math.max(rootAscii[c], 0);
        }
        for (int k = 0; k < count; k++) {
            int node = order[k];
            int base = node << 7;
            int failBase = fail[node] << 7;
            for (int c = 0; c < 128; c++) {
                int child = step(node, (char) c);
                t[base | c] = child >= 0 ? child : t[failBase | c];
            }
        }
        return t;
    }

    int literalCount() {
        return literalCount;
    }

    /** Calls {@code found} with the id of each literal occurring in {@code text} (an id may repeat). */
    void find(String text, IntConsumer found) {
        scan(text, found, false);
    }

    /**
     * As {@link #find} on the text lower-cased, when the literals are lower-case, without making the
     * lower-case copy: ASCII letters are folded on the way. Returns false, having reported only true finds,
     * when the text holds a character beyond ASCII, whose lower case the caller must then compute properly.
     */
    boolean findFoldingAscii(String text, IntConsumer found) {
        int[] t = table;
        if (t == null) {
            return scan(text, found, true);
        }
        int node = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                return false;
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            node = t[node << 7 | c];
            int[] out = outputs[node];
            for (int k = 0; k < out.length; k++) {
                found.accept(out[k]);
            }
        }
        return true;
    }

    private boolean scan(String text, IntConsumer found, boolean fold) {
        int node = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (fold) {
                if (c >= 128) {
                    return false;
                }
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
            }
            int next;
            while (true) {
                if (node == 0) {
                    next = c < 128 ? rootAscii[c] : step(0, c);
                    break;
                }
                next = step(node, c);
                if (next >= 0) {
                    break;
                }
                node = fail[node];
            }
            node = next < 0 ? 0 : next;
            int[] out = outputs[node];
            for (int k = 0; k < out.length; k++) {
                found.accept(out[k]);
            }
        }
        return true;
    }

    private int step(int node, char c) {
        char[] l = labels[node];
        int at = l.length < 8 ? linear(l, c) : Arrays.binarySearch(l, c);
        return at < 0 ? -1 : children[node][at];
    }

    private static int linear(char[] l, char c) {
        for (int i = 0; i < l.length; i++) {
            if (l[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static void sortTogether(char[] l, int[] c) {
        for (int i = 1; i < l.length; i++) {
            for (int j = i; j > 0 && l[j - 1] > l[j]; j--) {
                char t = l[j];
                l[j] = l[j - 1];
                l[j - 1] = t;
                int u = c[j];
                c[j] = c[j - 1];
                c[j - 1] = u;
            }
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
