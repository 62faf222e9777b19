"""Texts of dates in words ("Wanneer" of an action): month and weekday names, periods."""

NL: dict[str, str] = {
    "when.months": "januari,februari,maart,april,mei,juni,juli,augustus,september,oktober,november,december",
    "when.months_short": "jan,feb,mrt,apr,mei,jun,jul,aug,sep,okt,nov,dec",
    "when.weekdays": "ma,di,wo,do,vr,za,zo",
    "when.part.begin": "begin {what}",
    "when.part.half": "half {what}",
    "when.part.eind": "eind {what}",
    "when.quarter": "Q{number} {year}",
    "when.week": "week {number} van {year}",
    "when.season.voorjaar": "voorjaar",
    "when.season.zomer": "zomer",
    "when.season.najaar": "najaar",
    "when.season.winter": "winter",
    "when.schoolyear": "schooljaar {first}-{second}",
    "when.no_date": "geen datum",
    "when.overdue": "te laat",
}

EN: dict[str, str] = {
    "when.months": "January,February,March,April,May,June,July,August,September,October,November,December",
    "when.months_short": "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec",
    "when.weekdays": "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
    "when.part.begin": "early {what}",
    "when.part.half": "mid {what}",
    "when.part.eind": "end of {what}",
    "when.quarter": "Q{number} {year}",
    "when.week": "week {number} of {year}",
    "when.season.voorjaar": "spring",
    "when.season.zomer": "summer",
    "when.season.najaar": "autumn",
    "when.season.winter": "winter",
    "when.schoolyear": "school year {first}-{second}",
    "when.no_date": "not a date",
    "when.overdue": "overdue",
}
