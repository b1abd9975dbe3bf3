import type { NameGroup } from '../names/name-table.ts';

/**
 * Real US places (place names and ZIP ranges are not personal data): city, USPS state code, the
 * range of five-digit ZIP codes delivered in that city, population in thousands, and the shares of
 * Hispanic, Black and Asian residents — U.S. Census Bureau, 2020 Census / ACS 5-year QuickFacts,
 * rounded from memory, so approximate. A ZIP is drawn inside the city's range; not every code in a
 * range is in use, but city, state and ZIP always agree.
 */
export interface Place {
  city: string;
  state: string;
  zipLow: number;
  zipHigh: number;
  /** Relative weight of the place for each name group (population × group share). */
  weight: Record<NameGroup, number>;
}

const PLACES_TABLE = `
New York|NY|10001|10040|1630|27|21|14
Bronx|NY|10451|10475|1470|56|29|4
Brooklyn|NY|11201|11239|2740|19|29|13
Flushing|NY|11354|11358|250|16|3|55
Corona|NY|11368|11368|110|71|6|14
Yonkers|NY|10701|10710|210|40|18|7
Los Angeles|CA|90001|90068|3900|48|9|12
Long Beach|CA|90802|90815|460|43|12|13
Santa Ana|CA|92701|92707|310|77|1|11
Anaheim|CA|92801|92808|345|54|3|17
Riverside|CA|92501|92509|315|54|6|8
Pomona|CA|91766|91768|150|72|5|10
Ontario|CA|91761|91764|175|69|6|7
Oxnard|CA|93030|93036|200|76|2|8
Salinas|CA|93901|93908|160|80|1|5
Fresno|CA|93701|93730|540|50|7|15
Bakersfield|CA|93301|93314|400|53|7|8
Stockton|CA|95202|95215|320|43|11|23
Sacramento|CA|95811|95838|525|29|13|20
San Diego|CA|92101|92154|1390|30|6|17
San Jose|CA|95110|95148|1010|31|3|38
San Francisco|CA|94102|94134|875|16|5|34
Oakland|CA|94601|94621|440|27|21|16
Houston|TX|77002|77099|2300|44|22|7
San Antonio|TX|78201|78266|1430|64|7|3
Dallas|TX|75201|75254|1300|42|24|3
Fort Worth|TX|76102|76179|920|35|19|5
Austin|TX|78701|78759|960|33|7|8
El Paso|TX|79901|79938|680|81|3|1
Corpus Christi|TX|78401|78418|320|63|4|2
Laredo|TX|78040|78046|255|95|0|1
Brownsville|TX|78520|78526|185|94|0|1
McAllen|TX|78501|78504|143|85|1|3
Phoenix|AZ|85003|85054|1600|42|7|4
Mesa|AZ|85201|85215|500|28|4|2
Tucson|AZ|85701|85756|540|44|5|3
Albuquerque|NM|87102|87123|560|49|3|3
Las Vegas|NV|89101|89149|640|33|12|7
Denver|CO|80202|80249|715|29|9|4
Greeley|CO|80631|80634|108|39|2|1
Salt Lake City|UT|84101|84124|200|21|2|5
Chicago|IL|60601|60661|2700|29|29|7
Wheaton|IL|60187|60189|53|8|3|7
St. Charles|IL|60174|60175|33|10|2|4
Milwaukee|WI|53202|53233|575|20|39|5
Waukesha|WI|53186|53189|71|13|2|3
Minneapolis|MN|55401|55455|430|10|19|6
St. Paul|MN|55101|55119|310|10|16|19
Detroit|MI|48201|48239|640|8|77|2
Cleveland|OH|44102|44135|370|12|48|2
Columbus|OH|43201|43235|905|7|29|6
Indianapolis|IN|46201|46260|885|11|28|4
Kansas City|MO|64105|64157|510|10|27|3
St. Louis|MO|63101|63147|300|4|46|4
Omaha|NE|68102|68164|485|14|12|4
Oklahoma City|OK|73102|73179|680|21|14|5
Tulsa|OK|74103|74137|410|17|15|3
Dodge City|KS|67801|67801|28|64|2|2
Memphis|TN|38103|38141|630|8|64|2
Nashville|TN|37201|37221|690|11|26|4
Louisville|KY|40202|40299|620|7|23|3
Atlanta|GA|30303|30349|500|6|49|4
Gainesville|GA|30501|30507|43|46|15|2
Dalton|GA|30720|30721|34|51|5|2
Birmingham|AL|35203|35244|200|4|68|1
Jackson|MS|39201|39216|150|2|82|0
New Orleans|LA|70112|70131|385|6|58|3
Miami|FL|33125|33186|440|72|13|1
Hialeah|FL|33010|33018|225|95|2|0
Orlando|FL|32801|32839|310|34|22|4
Tampa|FL|33602|33647|385|26|22|5
Jacksonville|FL|32202|32277|950|11|30|5
Charlotte|NC|28202|28278|875|15|33|7
Raleigh|NC|27601|27617|470|12|26|5
Durham|NC|27701|27713|285|14|36|6
Washington|DC|20001|20037|690|11|44|4
Baltimore|MD|21201|21239|585|6|62|3
Philadelphia|PA|19102|19154|1600|15|39|8
Newark|NJ|07102|07114|310|37|47|2
Paterson|NJ|07501|07514|160|62|22|4
Elizabeth|NJ|07201|07208|135|67|18|2
Boston|MA|02108|02136|675|19|22|11
Lawrence|MA|01840|01843|90|82|7|2
Providence|RI|02903|02909|190|44|13|6
Hartford|CT|06103|06120|120|45|36|3
Seattle|WA|98101|98199|740|7|7|17
Yakima|WA|98901|98908|97|50|1|1
Portland|OR|97201|97236|650|10|6|8
Boise|ID|83702|83716|235|9|2|3
`;

/**
 * Non-Hispanic White share is what is left after the three shares above (a rough complement: it
 * folds in the small groups the table does not carry).
 */
export const PLACES: readonly Place[] = PLACES_TABLE.trim()
  .split('\n')
  .map((line) => {
    const [city = '', state = '', zipLow = '', zipHigh = '', pop = '', hisp = '', black = '', asian = ''] =
      line.split('|');
    const population = Number(pop);
    const shares = { hispanic: Number(hisp), black: Number(black), asian: Number(asian) };
    const white = Math.max(5, 100 - shares.hispanic - shares.black - shares.asian);
    return {
      city,
      state,
      zipLow: Number(zipLow),
      zipHigh: Number(zipHigh),
      weight: {
        hispanic: population * shares.hispanic,
        black: population * shares.black,
        asian: population * shares.asian,
        white: population * white,
      },
    };
  });
