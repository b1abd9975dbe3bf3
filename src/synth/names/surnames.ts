import { parseWeightedNames, type NameGroup } from './name-table.ts';

/*
 * Surname frequencies: U.S. Census Bureau, "Frequently Occurring Surnames from the 2010 Census"
 * (public domain; census.gov/topics/population/genealogy/data/2010_surnames.html). Counts are the
 * number of people reported with the surname, rounded and written from that table from memory, so
 * they are approximate; what matters for linkage is the shape (GARCIA and SMITH are hundreds of
 * times more frequent than the tail), which they keep. The Census file is upper-case ASCII;
 * Spanish surnames are given here in their standard written form with accents, because records
 * carry them inconsistently and the generator drops them on purpose.
 */

/** Hispanic surnames (Census 2010 counts, mostly ≥ 85 % Hispanic). Particles stay part of the surname. */
const HISPANIC = parseWeightedNames(`
García:1166000, Rodríguez:1095000, Martínez:1060000, Hernández:1043000, López:875000, González:841000,
Pérez:682000, Sánchez:613000, Ramírez:557000, Torres:438000, Flores:434000, Rivera:391000, Gómez:366000,
Díaz:334000, Cruz:324000, Reyes:317000, Morales:304000, Gutiérrez:299000, Ortiz:297000, Ramos:278000,
Chávez:251000, Ruiz:249000, Álvarez:234000, Mendoza:233000, Castillo:230000, Jiménez:225000, Moreno:219000,
Romero:214000, Herrera:208000, Medina:207000, Aguilar:201000, Vargas:180000, Vásquez:188000, Castro:185000,
Fernández:180000, Guzmán:170000, Muñoz:170000, Méndez:165000, Salazar:165000, Soto:160000, Delgado:160000,
Ortega:150000, Peña:150000, Ríos:150000, Alvarado:145000, Sandoval:140000, Contreras:140000, Guerrero:140000,
Valdez:135000, Estrada:135000, Vega:130000, Núñez:125000, Maldonado:120000, Domínguez:120000, Rojas:115000,
Márquez:115000, Espinoza:110000, Acosta:110000, Padilla:105000, Cabrera:100000, Campos:100000, Santiago:100000,
Fuentes:95000, Ayala:95000, Luna:95000, Juárez:95000, Navarro:95000, Cortez:90000, Cervantes:90000, Molina:90000,
Rosales:85000, Figueroa:85000, Ibarra:80000, Miranda:80000, Colón:80000, Trujillo:75000, Pacheco:75000,
Villarreal:75000, Velásquez:75000, Lara:75000, Ávila:75000, Aguirre:75000, Vázquez:75000, Montoya:70000,
Escobar:70000, Zamora:70000, Cárdenas:70000, Serrano:70000, Rosario:70000, Salinas:70000, Robles:70000,
Gallegos:65000, Orozco:65000, Ochoa:65000, Mejía:65000, Camacho:65000, Barrera:60000, Solís:60000,
Velázquez:60000, Carrillo:60000, Santana:60000, Villanueva:60000, de la Cruz:60000, Nava:55000, Valenzuela:55000,
Castañeda:55000, Bautista:50000, Ponce:50000, Lozano:50000, Sosa:50000, Pineda:50000, Salas:50000, Zúñiga:45000,
Arellano:45000, Macías:45000, Huerta:45000, Meza:45000, Rangel:45000, Benítez:45000, Mora:45000, Montes:45000,
Arroyo:45000, Valencia:45000, Arias:45000, Bonilla:45000, de León:45000, Osorio:40000, Cisneros:40000,
Zavala:40000, Quintero:40000, Tapia:40000, Villa:40000, Galván:40000, Beltrán:40000, Cano:40000, Palacios:40000,
Duarte:40000, Carrasco:40000, Andrade:40000, de Jesús:40000, Cuevas:35000, Bernal:35000, de la Rosa:35000,
Quiroz:30000, Paredes:30000, Olivares:30000, Mata:30000, Esparza:30000, Quintana:30000, Villegas:30000,
de la Garza:30000, Escamilla:25000, Báez:25000, Barajas:25000, Muñiz:25000, Hidalgo:25000, Becerra:25000,
Zepeda:25000, Cordero:25000, de los Santos:25000, Ordóñez:20000, Yáñez:20000, Montaño:20000, Saldaña:20000,
Tovar:20000, Solano:20000, Magaña:20000, Ibáñez:15000, Rentería:15000, del Río:15000, Cedillo:10000,
Palomino:10000, Pizarro:8000, Treviño:30000, Garza:240000, Cantú:35000, Leal:30000, Saucedo:20000,
Alanís:10000, Peralta:30000, Ocampo:20000, Cuéllar:12000, Arévalo:20000, Gálvez:15000, Carmona:25000
`);

/**
 * General surnames with the share of bearers who are Black (Census 2010 "pctblack", rounded):
 * "Name:count:pctBlack". The Black and White groups draw from the same table, weighted by
 * count × share, so that Washington and Jefferson come mostly with the Black group as in the data.
 */
const GENERAL = `
Smith:2443000:23, Johnson:1933000:34, Williams:1625000:47, Brown:1437000:35, Jones:1425000:38, Miller:1161000:11,
Davis:1116000:33, Wilson:802000:27, Anderson:784000:19, Thomas:756000:37, Taylor:751000:33, Moore:724000:31,
Jackson:708000:53, Martin:703000:12, Lee:693000:17, Thompson:665000:31, White:660000:28, Harris:624000:42,
Clark:563000:26, Lewis:532000:35, Robinson:530000:44, Walker:523000:37, Young:484000:26, Allen:483000:31,
King:465000:30, Wright:459000:35, Scott:440000:34, Hill:435000:33, Green:430000:38, Adams:428000:25,
Nelson:425000:14, Baker:420000:18, Hall:407000:27, Campbell:386000:22, Mitchell:384000:33, Carter:377000:38,
Roberts:377000:20, Phillips:352000:22, Evans:342000:30, Turner:336000:33, Parker:331000:29, Edwards:318000:31,
Collins:317000:26, Stewart:311000:30, Morris:305000:28, Murphy:302000:14, Cook:302000:16, Rogers:299000:20,
Morgan:295000:17, Cooper:291000:22, Peterson:291000:9, Bailey:290000:22, Reed:289000:25, Kelly:282000:12,
Howard:278000:32, Cox:277000:12, Ward:276000:22, Richardson:276000:37, Watson:275000:36, Brooks:274000:43,
Wood:271000:7, James:271000:39, Bennett:264000:14, Gray:264000:22, Hughes:250000:23, Price:249000:25,
Sanders:247000:35, Myers:246000:12, Long:245000:22, Ross:244000:28, Foster:243000:24, Powell:233000:30,
Jenkins:233000:41, Perry:232000:27, Russell:231000:25, Sullivan:230000:3, Bell:230000:34, Coleman:224000:47,
Butler:224000:45, Henderson:222000:39, Barnes:222000:31, Fisher:215000:11, Simmons:205000:44, Patterson:203000:35,
Jordan:202000:40, Reynolds:200000:13, Hamilton:199000:26, Graham:198000:20, Wallace:198000:32, West:185000:25,
Cole:185000:23, Hayes:185000:29, Bryant:183000:43, Ellis:180000:28, Stevens:180000:16, Murray:180000:17,
Ford:178000:38, Marshall:178000:26, Owens:177000:29, McDonald:176000:18, Harrison:176000:27, Gibson:173000:27,
Kennedy:168000:16, Wells:164000:29, Alexander:163000:38, Woods:162000:31, Griffin:160000:33, Hunter:159000:27,
Hart:158000:15, Black:155000:15, Dixon:150000:41, Mason:149000:30, Hunt:146000:19, Palmer:146000:18,
Robertson:145000:26, Warren:144000:24, Knight:141000:27, Tucker:140000:37, Porter:139000:29, Freeman:138000:46,
Webb:137000:26, Simpson:136000:31, Crawford:134000:30, Olson:134000:1, Carroll:129000:22, Duncan:128000:22,
Armstrong:126000:26, Berry:125000:31, Lane:124000:24, Riley:122000:22, Andrews:121000:28, Harper:121000:27,
Fox:119000:13, Stone:117000:16, Hawkins:117000:41, Dunn:116000:23, Perkins:115000:33,
Hudson:114000:26, Spencer:114000:30, Gardner:113000:25, Stephens:113000:26, Payne:112000:33, Pierce:111000:27,
Matthews:110000:32, Arnold:109000:17, Wagner:109000:4, Willis:108000:31, Ray:108000:22,
Watkins:108000:48, Carpenter:106000:21, Lawrence:105000:29, Snyder:103000:5, Holmes:101000:44,
Burns:100000:14, Daniels:100000:43, Boyd:100000:41, Mills:99000:26, Fields:97000:50,
Meyer:96000:3, Schmidt:95000:2, Ferguson:95000:33, Rose:94000:21, Weaver:94000:23, Chapman:92000:29,
Hicks:92000:33, Jacobs:91000:24, Johnston:91000:13, Shaw:91000:32, Gordon:90000:34,
Burke:89000:13, Walsh:88000:5, Washington:177000:87, Jefferson:60000:75, Banks:85000:54, Booker:33000:62,
Mosley:40000:57, Dorsey:38000:55, Gaines:36000:51, Gilmore:30000:44, Charles:60000:55, Joseph:90000:48,
Pierre:35000:85, Jean:30000:76, Toussaint:8000:90, Muhammad:46000:86, Battle:15000:73, Hairston:10000:77,
Ware:20000:58, Rivers:25000:50, Singleton:40000:53, Glover:40000:53, McCoy:70000:34, Pittman:28000:44,
Grant:95000:38, Holloway:30000:48, Blackwell:25000:45, Benjamin:30000:55, Coles:15000:54, Dawkins:15000:69,
Mack:35000:58, Whitaker:30000:25, Randolph:30000:48, Davenport:30000:36, Hutchinson:25000:20, Noble:25000:30,
Schultz:60000:1, Hoffman:90000:5, Becker:60000:2, Larson:60000:1, Hansen:80000:2, Nielsen:20000:1,
Russo:30000:1, Romano:20000:1, Esposito:20000:1, O'Brien:70000:2, O'Connor:50000:2, McCarthy:60000:3,
Fitzgerald:50000:9, Novak:25000:1, Kowalski:15000:1, Friedman:25000:1, Cohen:65000:2
`
  .split(',')
  .map((entry) => entry.trim())
  .filter((entry) => entry !== '')
  .map((entry) => {
    const [name = '', count = '0', pctBlack = '0'] = entry.split(':');
    return { name, count: Number(count), blackShare: Number(pctBlack) / 100 };
  });

/** Asian surnames (Census 2010 counts for the Asian-majority surnames; Filipino bearers of Spanish surnames share weight). */
const ASIAN = parseWeightedNames(`
Nguyen:438000, Lee:200000, Kim:240000, Patel:145000, Tran:163000, Chen:115000, Wang:105000, Li:95000, Le:100000,
Pham:80000, Huang:65000, Singh:90000, Park:85000, Wong:85000, Wu:60000, Liu:55000, Chang:55000, Zhang:55000,
Lin:55000, Yang:55000, Chan:55000, Ali:60000, Choi:45000, Shah:45000, Huynh:45000, Khan:50000, Vo:40000,
Kumar:40000, Yu:40000, Ahmed:40000, Truong:30000, Ho:30000, Dang:30000, Bui:30000, Do:30000, Cho:28000, Lam:25000,
Chung:25000, Ng:25000, Cheng:25000, Phan:25000, Tang:25000, Gupta:25000, Ly:20000, Hoang:20000, Sharma:20000,
Reddy:20000, Aquino:20000, Duong:15000, Desai:15000, Rao:15000, Hussain:15000, Mehta:12000, Luu:10000,
Tanaka:10000, Yamamoto:10000, Nakamura:8000, Sato:5000, Santos:40000, Dela Cruz:20000, Bautista:15000,
Mendoza:15000, Reyes:20000, Villanueva:10000, Castillo:8000, Zhou:20000, Xu:20000, Sun:15000, Ma:20000,
Jung:20000, Kang:20000, Lim:25000, Han:20000, Yoon:12000, Shin:12000, Hwang:15000, Song:15000, Oh:11000,
Ahn:10000, Seo:6000, Yi:15000
`);

export function surnameTable(group: NameGroup): [string, number][] {
  switch (group) {
    case 'hispanic':
      return HISPANIC;
    case 'asian':
      return ASIAN;
    case 'black':
      return GENERAL.map(({ name, count, blackShare }) => [name, count * blackShare]);
    case 'white':
      return GENERAL.map(({ name, count, blackShare }) => [name, count * (1 - blackShare)]);
  }
}
