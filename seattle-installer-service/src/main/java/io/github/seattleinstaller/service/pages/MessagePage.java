package io.github.seattleinstaller.service.pages;

/**
 * A page that only says something ({@code message.jte}): a build that does not exist, keys that are gone, a refusal.
 *
 * @param linkUrl  where to go from here
 * @param linkText what that link says
 */
public record MessagePage(String title, String message, String linkUrl, String linkText) {
}
