import { parseWeightedNames, type NameGroup, type Sex } from './name-table.ts';

/*
 * Given-name frequencies. General names: Social Security Administration, "Top names over the last
 * 100 years" (national baby-name data, public domain; ssa.gov/oact/babynames), births in thousands,
 * rounded and written from that table from memory — approximate, with the right shape. Hispanic
 * and Asian names: the SSA state tables (CA, TX) and the Census 2000/2010 first-name-by-ethnicity
 * tables (Tzioumis 2018, Harvard Dataverse, CC0) give the ranking; weights here are relative, in
 * the same spirit. Compound Hispanic given names (María José, Juan Carlos) are one entry each: they
 * are one given name to their bearers and two tokens to a matcher.
 */

const GENERAL_MALE = parseWeightedNames(`
James:4750, John:4530, Robert:4480, Michael:4350, William:3610, David:3570, Richard:2550, Joseph:2610,
Thomas:2290, Charles:2300, Christopher:2030, Daniel:1910, Matthew:1600, Anthony:1420, Mark:1350, Donald:1340,
Steven:1290, Paul:1260, Andrew:1250, Joshua:1220, Kenneth:1120, Kevin:1170, Brian:1160, George:1460,
Timothy:1070, Ronald:1070, Edward:1050, Jason:1030, Jeffrey:975, Ryan:940, Jacob:930, Gary:900, Nicholas:900,
Eric:875, Jonathan:860, Stephen:840, Larry:800, Justin:780, Scott:770, Brandon:750, Benjamin:800, Samuel:720,
Gregory:700, Alexander:710, Frank:880, Patrick:650, Raymond:640, Jack:640, Dennis:610, Jerry:600, Tyler:590,
Aaron:580, Adam:560, Nathan:550, Henry:640, Douglas:530, Zachary:530, Peter:510, Kyle:500, Ethan:470,
Walter:580, Noah:430, Jeremy:440, Christian:430, Keith:460, Roger:470, Terry:450, Gerald:470, Harold:460,
Sean:450, Austin:440, Carl:420, Arthur:440, Lawrence:420, Dylan:400, Jesse:400, Jordan:400, Bryan:390,
Bruce:380, Gabriel:380, Logan:370, Albert:380, Willie:420, Alan:360, Wayne:350, Elijah:340, Randy:350, Roy:390,
Vincent:330, Ralph:330, Eugene:330, Russell:330, Mason:320, Philip:320, Louis:340, Curtis:230, Clarence:240,
Calvin:200, Marcus:220, Derrick:140, Reginald:120, Maurice:110, Andre:120, Tyrone:80, Terrence:80, Darnell:60,
Jamal:60, Jermaine:70, Dwayne:60, Cedric:50, Lamar:50, Darius:50, Malik:40, DeShawn:40, Leroy:100, Isaiah:250
`);

const GENERAL_FEMALE = parseWeightedNames(`
Mary:4130, Patricia:1570, Jennifer:1470, Linda:1450, Elizabeth:1630, Barbara:1430, Susan:1120, Jessica:1050,
Sarah:1080, Karen:985, Lisa:965, Nancy:1005, Betty:1005, Sandra:875, Margaret:1240, Ashley:850, Kimberly:835,
Emily:845, Donna:825, Michelle:815, Carol:810, Amanda:775, Melissa:755, Deborah:740, Stephanie:740,
Dorothy:1080, Rebecca:725, Sharon:710, Laura:710, Cynthia:700, Amy:680, Kathleen:690, Angela:670, Shirley:680,
Brenda:610, Emma:640, Anna:650, Pamela:600, Nicole:590, Samantha:570, Katherine:610, Christine:560, Helen:800,
Debra:550, Rachel:550, Carolyn:540, Janet:540, Catherine:530, Heather:520, Diane:520, Olivia:500, Julie:500,
Joyce:500, Victoria:480, Ruth:600, Virginia:600, Lauren:470, Kelly:470, Christina:460, Joan:450, Evelyn:450,
Judith:450, Andrea:440, Hannah:440, Megan:430, Cheryl:420, Jacqueline:420, Martha:420, Madison:400, Teresa:400,
Gloria:400, Sara:400, Janice:390, Ann:390, Kathryn:390, Abigail:380, Sophia:380, Frances:380, Jean:370,
Alice:370, Judy:370, Isabella:360, Julia:360, Grace:350, Amber:350, Denise:350, Danielle:350, Marilyn:340,
Beverly:340, Charlotte:330, Natalie:330, Theresa:330, Diana:320, Brittany:320, Doris:320, Kayla:310, Alexis:300,
Lori:300, Tiffany:280, Jasmine:250, Latoya:60, Keisha:50, Tanisha:50, Ebony:70, Aaliyah:70, Tamika:50,
Monique:60, Yolanda:100, Shanice:20, Latasha:40, Imani:30
`);

const HISPANIC_MALE = parseWeightedNames(`
José:900, Juan:700, Luis:500, Carlos:520, Jesús:350, Jorge:330, Miguel:330, Francisco:300, Antonio:300,
Alejandro:250, Pedro:220, Manuel:260, Ricardo:200, Rafael:180, Javier:220, Fernando:160, Roberto:200,
Eduardo:170, Daniel:250, Mario:160, Raúl:150, Sergio:150, Martín:120, Óscar:140, Rubén:110, Víctor:150,
Héctor:140, Armando:100, Alberto:110, Salvador:90, Julio:100, Enrique:100, Ángel:160, Adrián:100, Alfredo:80,
Arturo:110, Gerardo:100, Guillermo:80, Ignacio:50, Ramón:80, Joaquín:40, Andrés:70, Nicolás:40, Tomás:50,
Sebastián:60, Mateo:50, Diego:120, Emilio:40, Gabriel:100, Santiago:50, Rodrigo:50, Marco:40, Gustavo:60,
Ernesto:60, Felipe:50, Hugo:50, Iván:60, Omar:70, Abel:30, Agustín:20, Benito:20, Cristian:60, Efraín:20,
Esteban:30, Ezequiel:20, Gilberto:50, Gonzalo:20, Humberto:40, Israel:50, Jaime:60, Leonardo:40, Lorenzo:30,
Mauricio:30, Moisés:30, Noé:20, Orlando:40, Pablo:60, Refugio:15, Rogelio:40, Rolando:30, Samuel:40, Saúl:30,
Ismael:30, Alfonso:40, Ramiro:30, Octavio:20, Félix:30, Emiliano:15, Fidel:15, Gregorio:15, Concepción:5,
Juan Carlos:120, José Luis:180, Juan Pablo:40, José Manuel:50, Luis Miguel:30, Miguel Ángel:90,
José Antonio:60, Juan José:40, José Ángel:30, Juan Manuel:40, José Guadalupe:20, José de Jesús:20,
Juan Antonio:30, Luis Alberto:20, Francisco Javier:40, Víctor Manuel:30, José María:10
`);

const HISPANIC_FEMALE = parseWeightedNames(`
María:1000, Guadalupe:200, Ana:250, Rosa:200, Juana:150, Carmen:180, Leticia:100, Verónica:120,
Elizabeth:150, Patricia:150, Laura:140, Alejandra:120, Martha:120, Gabriela:110, Adriana:110, Silvia:100,
Claudia:110, Sandra:110, Diana:90, Yolanda:90, Lucía:60, Sofía:60, Margarita:90, Teresa:80, Araceli:60,
Blanca:80, Beatriz:60, Cecilia:60, Consuelo:40, Dolores:50, Elena:60, Esperanza:50, Estela:50, Gloria:80,
Graciela:50, Irma:60, Isabel:60, Josefina:50, Lourdes:50, Luz:70, Marisol:40, Mercedes:40, Mónica:70,
Norma:80, Olga:40, Paula:30, Raquel:40, Rocío:40, Rosario:50, Socorro:30, Susana:40, Valeria:40, Victoria:30,
Ximena:20, Yesenia:40, Daniela:80, Fernanda:30, Andrea:80, Karla:60, Jessica:70, Jennifer:70, Alma:50,
Angélica:60, Brenda:60, Concepción:20, Erika:50, Esmeralda:50, Evelyn:40, Inés:15, Itzel:20, Liliana:50,
Lorena:60, Miriam:40, Nancy:60, Natalia:30, Paola:30, Perla:30, Reyna:30, Yadira:20, Begoña:5, Nayeli:10,
María José:40, María Guadalupe:100, María del Carmen:60, Ana María:40, María Elena:60,
María de los Ángeles:30, María Fernanda:30, María Teresa:40, María Isabel:40, María Luisa:30,
María de Jesús:40, María Cristina:20, Rosa María:40, María del Rosario:20, Luz María:30, María de Lourdes:20,
Blanca Estela:15
`);

const ASIAN_MALE = parseWeightedNames(`
Minh:30, Tuan:20, Thanh:20, Hung:20, Duc:15, Quang:10, Wei:30, Jian:10, Hao:10, Jun:15, Hiroshi:8, Kenji:6,
Raj:20, Rahul:15, Amit:15, Sanjay:12, Vijay:12, Arjun:12, Mohammed:25, Jae:10, Sung:10, Young:10, Jin:15,
Ji-Hoon:10, Min-Jun:10, Hyun-Woo:8, Dong-Hyun:8, Sung-Min:8, Jae-Won:6, Young-Ho:6
`);

const ASIAN_FEMALE = parseWeightedNames(`
Linh:25, Lan:20, Mai:25, Thu:15, Hoa:15, Ngoc:15, Mei:25, Xiao:10, Ying:15, Hui:10, Yuki:8, Priya:20,
Anjali:12, Pooja:15, Deepa:8, Eun:8, Min:10, Soo:8, Hye:6, Fatima:10, Seo-Yeon:10, Ji-Yeon:8,
Min-Ji:8, Eun-Ji:8, Soo-Jin:8, Hye-Jin:6, Ji-Woo:6
`);

/**
 * Asian Americans carry general (English) given names about half the time (Census 2010 first-name
 * tables, share of Asian bearers among the top general names); the generator mixes the two tables
 * at this share.
 */
export const ASIAN_GENERAL_NAME_SHARE = 0.5;

export function givenNameTable(group: NameGroup, sex: Sex): [string, number][] {
  switch (group) {
    case 'hispanic':
      return sex === 'M' ? HISPANIC_MALE : HISPANIC_FEMALE;
    case 'asian':
      return sex === 'M' ? ASIAN_MALE : ASIAN_FEMALE;
    case 'white':
    case 'black':
      return sex === 'M' ? GENERAL_MALE : GENERAL_FEMALE;
  }
}
