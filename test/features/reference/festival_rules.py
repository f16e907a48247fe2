"""Holi and Diwali in Delhi by the almanac rules, 2015-2030, computed independently of the
TypeScript code (which holds dates only, src/features/india-festivals.ts).

Run: /usr/bin/python3 test/features/reference/festival_rules.py > test/features/reference/festival_rules.json
Needs Debian's python3-ephem (PyEphem 4.1, VSOP87 / ELP-2000 theories); apt-get install -y python3-ephem.

Why: no Government of India list exists yet for 2027-2030, and the public almanac pages
disagree (Holi 2027: calendarz.com 23 March, calendardate.com 22 March). These rules,
computed for New Delhi, give the gazetted date of every year 2015-2026 (checked by
test/features/india-festivals.test.ts), so they decide between the pages.

Tithis: the Moon's apparent geocentric ecliptic longitude minus the Sun's, of date
(Purnima: 168-180 degrees; Amavasya: 348-360). Sunrise and sunset: PyEphem's defaults (upper limb,
standard refraction) at New Delhi, 28.6139 N 77.2090 E, 216 m. Times are IST (UTC+5:30).

Lunar month (amanta, sidereal solar month at the new moon that opens it, Lahiri ayanamsa
23.853 deg at 2000.0 plus 50.29 arcsec a year):
- Phalguna opens at the new moon with the Sun in Kumbha (300-330); its Purnima is Holika Dahan's.
- Kartika opens at the new moon with the Sun in Tula (180-210); that new moon's Amavasya
  (the last tithi of Ashvin) is Diwali's (Lakshmi Puja).

Holika Dahan (Dharmasindhu, as the panchangs state it): on the Purnima that prevails at
sunset (pradosh). When Purnima prevails at sunset on two days, the second. When it prevails at
sunset on one day (D1) only and on the next day lasts at least three and a half yamas (7/8 of
the daytime) after sunrise, the next day ("sardha-triyama"); else D1. Holi (Dhulandi, the
gazetted holiday) is the day after Holika Dahan.

Diwali: the first day on which Amavasya prevails at sunset (pradosh).
"""
import datetime
import json
import math

import ephem

IST = datetime.timedelta(hours=5, minutes=30)


def delhi():
    o = ephem.Observer()
    o.lat, o.lon, o.elevation = '28.6139', '77.2090', 216
    return o


def elongation(t):
    """Moon minus Sun apparent ecliptic longitude of date, degrees in [0, 360)."""
    m, s = ephem.Moon(t), ephem.Sun(t)
    lm = ephem.Ecliptic(ephem.Equatorial(m.g_ra, m.g_dec, epoch=t), epoch=t).lon
    ls = ephem.Ecliptic(ephem.Equatorial(s.g_ra, s.g_dec, epoch=t), epoch=t).lon
    return math.degrees(lm - ls) % 360.0


def crossing(target, near):
    """The time within 3 days before `near` when the elongation reaches `target` (bisection)."""
    lo, hi = ephem.Date(near - 3), ephem.Date(near)

    def ahead(t):  # signed angle from target, in (-180, 180]
        return (elongation(t) - target + 180.0) % 360.0 - 180.0

    assert ahead(lo) < 0 <= ahead(hi) + 1e-9, (target, str(near))
    for _ in range(60):
        mid = ephem.Date((lo + hi) / 2)
        if ahead(mid) < 0:
            lo = mid
        else:
            hi = mid
    return ephem.Date(hi)


def sidereal_sun(t):
    s = ephem.Sun(t)
    tropical = math.degrees(ephem.Ecliptic(ephem.Equatorial(s.g_ra, s.g_dec, epoch=t), epoch=t).lon)
    year = 2000.0 + (t - ephem.Date('2000/1/1 12:00')) / 365.25
    ayanamsa = 23.853 + (year - 2000.0) * 50.29 / 3600.0
    return (tropical - ayanamsa) % 360.0


def new_moon_in(year, lo_deg, hi_deg):
    """The last new moon of the year's cycle with the sidereal Sun in [lo, hi) (nija, not adhika)."""
    found = []
    t = ephem.Date(datetime.datetime(year, 1, 1) - datetime.timedelta(days=40))
    end = ephem.Date(datetime.datetime(year, 12, 31))
    while t < end:
        nm = ephem.next_new_moon(t)
        if lo_deg <= sidereal_sun(nm) < hi_deg and ephem.Date(nm).datetime().year == year:
            found.append(nm)
        t = ephem.Date(nm + 1)
    assert found, (year, lo_deg)
    return found[-1]


def local(t):
    return ephem.Date(t).datetime() + IST


def day_of(t):
    return local(t).date()


def sun_events(day):
    """Sunrise and sunset (ephem dates) of a civil day in Delhi."""
    o = delhi()
    o.date = ephem.Date(datetime.datetime.combine(day, datetime.time()) - IST)
    return o.next_rising(ephem.Sun()), o.next_setting(ephem.Sun())


def fmt(t):
    return local(t).strftime('%Y-%m-%d %H:%M')


def holi(year):
    phalguna = new_moon_in(year, 300.0, 330.0)
    full = ephem.next_full_moon(phalguna)
    start = crossing(168.0, full)
    first = day_of(start)
    days = [first + datetime.timedelta(days=k) for k in range(3)]
    at_sunset = [d for d in days if start <= sun_events(d)[1] < full]
    assert at_sunset, year
    d1 = at_sunset[0]
    d2 = d1 + datetime.timedelta(days=1)
    rise2, set2 = sun_events(d2)
    yamas = max(0.0, (full - rise2) / (set2 - rise2) * 4.0)
    if d2 in at_sunset:
        dahan, why = d2, 'Purnima at sunset on two days: the second'
    elif yamas >= 3.5:
        dahan, why = d2, 'Purnima at sunset on D1 only, next day >= 3.5 yamas: the next day'
    else:
        dahan, why = d1, 'Purnima at sunset on D1 only, next day < 3.5 yamas: D1'
    return {
        'purnima_start': fmt(start),
        'purnima_end': fmt(full),
        'sunset_d1': fmt(sun_events(d1)[1]),
        'd1': d1.isoformat(),
        'next_day_yamas': round(yamas, 3),
        'rule': why,
        'holika_dahan': dahan.isoformat(),
        'holi': (dahan + datetime.timedelta(days=1)).isoformat(),
    }


def diwali(year):
    kartika = new_moon_in(year, 180.0, 210.0)
    start = crossing(348.0, kartika)
    first = day_of(start)
    days = [first + datetime.timedelta(days=k) for k in range(3)]
    at_sunset = [d for d in days if start <= sun_events(d)[1] < kartika]
    assert at_sunset, year
    return {
        'amavasya_start': fmt(start),
        'amavasya_end': fmt(kartika),
        'days_at_sunset': [d.isoformat() for d in at_sunset],
        'diwali': at_sunset[0].isoformat(),
    }


if __name__ == '__main__':
    out = {
        'ephem': ephem.__version__,
        'years': {str(y): {'holi': holi(y), 'diwali': diwali(y)} for y in range(2015, 2031)},
    }
    print(json.dumps(out, indent=1))
