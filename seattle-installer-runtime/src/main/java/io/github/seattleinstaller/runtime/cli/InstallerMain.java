package io.github.seattleinstaller.runtime.cli;

public final class InstallerMain {
    public static void main(String[] args) {
    }
}
