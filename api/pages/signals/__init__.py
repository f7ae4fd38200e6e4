"""Signals back into the directory, in words (issue 13, part 3): the workers' recent incident
reports on a place ("2 reports in 30 days: phone not answered; median wait 40 min") for the
place page and the search results, a phone line's reachability, and the editors' list of
places reported by workers. Counts only: never a text, never a reporter."""
