package io.github.seattleinstaller.service.ops;

import io.github.seattleinstaller.runtime.log.ProgressLog;
import org.slf4j.Logger;

/** The core's progress lines in the service's log. */
public record Slf4jProgressLog(Logger logger) implements ProgressLog {
    @Override
    public void info(String message) {
        logger.info(message);
    }

    @Override
    public void warn(String message) {
        logger.warn(message);
    }
}
